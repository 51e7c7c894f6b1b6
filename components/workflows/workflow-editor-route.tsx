'use client'
// The workflow page: the editor, with the run view's test result filling its "Test step" slot.
import { TestResultViewContext, type TestResultViewProps } from '@/components/canvas/test-result-view'
import { WorkflowEditorPage } from '@/components/editor/workflow-editor-page'
import { TestStepResult } from '@/components/runs/test-step-result'

const renderTestResult = (props: TestResultViewProps) => <TestStepResult key={props.executionId} {...props} />

export function WorkflowEditorRoute(props: { id: string; openVersion: number | undefined }) {
  return (
    <TestResultViewContext.Provider value={renderTestResult}>
      <WorkflowEditorPage id={props.id} openVersion={props.openVersion} />
    </TestResultViewContext.Provider>
  )
}

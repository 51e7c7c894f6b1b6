'use client'
// The editor's right-hand panel: the inspector of the selection (a step, several steps, a
// note, or the workflow settings when nothing is selected), the versions list or the triggers.
import { useMemo } from 'react'
import { TriggersPanel } from '@/components/triggers/triggers-panel'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import type { EditorActions, EditorState } from './editor-state'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import { StepInspector } from './inspector/step-inspector'
import { TestStepPanel } from './test-step-panel'
import { WorkflowSettings } from './inspector/workflow-settings'
import { VersionsPanel } from './versions-panel'

export type SidePanel = 'inspector' | 'versions' | 'triggers'

function SidePanelTabs({ side, onSide }: { side: SidePanel; onSide: (side: SidePanel) => void }) {
  return (
    <div role="tablist" aria-label="Side panel" className="tabs">
      <button type="button" role="tab" aria-selected={side === 'inspector'} onClick={() => onSide('inspector')}>
        Inspector
      </button>
      <button type="button" role="tab" aria-selected={side === 'versions'} onClick={() => onSide('versions')}>
        Versions
      </button>
      <button type="button" role="tab" aria-selected={side === 'triggers'} onClick={() => onSide('triggers')}>
        Triggers
      </button>
    </div>
  )
}

/** The inspector of the selection: one step, several items, notes, or the workflow settings. */
function SelectionInspector({
  workflowId,
  doc,
  state,
  issues,
  actions,
}: {
  workflowId: string
  doc: WorkflowDoc
  state: Pick<EditorState, 'selectedSteps' | 'selectedNotes'>
  issues: readonly WorkflowIssue[]
  actions: EditorActions
}) {
  const selectedId = state.selectedSteps.size === 1 ? [...state.selectedSteps][0] : undefined
  const selectedStep = doc.steps.find((s) => s.id === selectedId)
  const selectedIssues = useMemo(() => issues.filter((i) => i.stepId === selectedId), [issues, selectedId])
  const workflowIssues = useMemo(() => issues.filter((i) => !i.stepId), [issues])
  const steps = state.selectedSteps.size
  const notes = state.selectedNotes.size
  if (selectedStep)
    return (
      <>
        <StepInspector key={selectedStep.id} doc={doc} step={selectedStep} issues={selectedIssues} actions={actions} />
        <TestStepPanel key={`test:${selectedStep.id}`} workflowId={workflowId} doc={doc} step={selectedStep} />
      </>
    )
  if (steps > 1 || (steps > 0 && notes > 0))
    return (
      <p className="muted inspector">
        {steps} steps{notes ? ` and ${notes} notes` : ''} selected. Delete, duplicate or copy them.
      </p>
    )
  if (notes > 0)
    return (
      <p className="muted inspector">
        {notes === 1 ? 'A sticky note is' : `${notes} sticky notes are`} selected. Double-click a note (or
        press its Edit button) to write, drag its corners to resize it, press Delete to remove it. Notes are
        saved with the workflow and never run.
      </p>
    )
  return <WorkflowSettings doc={doc} issues={workflowIssues} actions={actions} />
}

export function EditorSidePanel({
  side,
  onSide,
  workflowId,
  doc,
  state,
  issues,
  actions,
  onOpen,
  onRestore,
  onCompare,
}: {
  side: SidePanel
  onSide: (side: SidePanel) => void
  workflowId: string
  doc: WorkflowDoc
  state: Pick<EditorState, 'selectedSteps' | 'selectedNotes' | 'version' | 'saved'>
  issues: readonly WorkflowIssue[]
  actions: EditorActions
  onOpen: (version: number) => void
  onRestore: (version: number) => void
  onCompare: (before: number, after: number) => void
}) {
  return (
    <aside className="editor-side">
      <SidePanelTabs side={side} onSide={onSide} />
      {side === 'triggers' ? (
        <TriggersPanel workflowId={workflowId} savedInputs={state.saved.inputs} />
      ) : side === 'versions' ? (
        <VersionsPanel
          workflowId={workflowId}
          current={state.version}
          onOpen={onOpen}
          onRestore={onRestore}
          onCompare={onCompare}
        />
      ) : (
        <SelectionInspector workflowId={workflowId} doc={doc} state={state} issues={issues} actions={actions} />
      )}
    </aside>
  )
}

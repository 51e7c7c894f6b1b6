'use client'
// Workflow-level settings, shown when no step is selected: name and description, limits and
// failure handling, the default retry policy, the run inputs (a field builder), the variables
// and the metadata. Every field of the document outside the steps is edited here.
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import type { EditorActions } from '../editor-state'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import { InspectorIssuesContext } from './field-issues'
import { TextField } from './fields'
import { InputSchemaFields } from './input-schema-fields'
import { JsonEntriesField } from './json-entries-field'
import { withKeys } from './json-entries-edits'
import { MetadataFields } from './metadata-fields'
import { RetryFields } from './retry-fields'
import { RunLimitsFields, type SetWorkflow } from './run-limits-fields'
import { StepIssues } from './step-inspector'

const isAboutInputs = (i: WorkflowIssue) => i.path[0] === 'inputs'

export function WorkflowSettings({
  doc,
  issues,
  actions,
}: {
  doc: WorkflowDoc
  issues: readonly WorkflowIssue[]
  actions: EditorActions
}) {
  const set: SetWorkflow = (patch, field) => actions.edit((d) => withKeys(d, patch) ?? d, `workflow:${field}`)
  return (
    <InspectorIssuesContext.Provider value={{ issues, scope: 'workflow' }}>
      <section className="inspector" aria-label="Workflow settings" onBlur={actions.breakCoalescing}>
        <h2>Workflow settings</h2>
        <p className="muted">Select a step on the canvas to edit it.</p>
        <StepIssues issues={issues.filter((i) => !isAboutInputs(i))} />
        <TextField
          label="Workflow name"
          value={doc.name}
          onChange={(v) => set({ name: v }, 'name')}
          issuePath={['name']}
        />
        <TextField
          label="Description"
          multiline
          value={doc.description}
          onChange={(v) => set({ description: v === '' ? undefined : v }, 'description')}
          issuePath={['description']}
        />
        <RunLimitsFields doc={doc} set={set} />
        <RetryFields
          level="workflow"
          value={doc.retryPolicy}
          onChange={(v) => set({ retryPolicy: v }, 'retry')}
        />
        <InputSchemaFields doc={doc} issues={issues.filter(isAboutInputs)} actions={actions} />
        <JsonEntriesField
          legend="Variables"
          noun="Variable"
          hint="Read as vars.<name> in expressions; a step's own variables override these."
          value={doc.variables}
          onChange={(v) => set({ variables: v }, 'variables')}
          rule={{ identifier: true }}
          issuePath={['variables']}
        />
        <MetadataFields value={doc.metadata} set={set} />
      </section>
    </InspectorIssuesContext.Provider>
  )
}

'use client'
// Workflow-level settings, shown when no step is selected: name, timeout, error handling,
// retries, the run inputs (a field builder) and the variables (JSON).
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import type { EditorActions } from '../editor-state'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import { JsonField, SelectField, TextField, isObject } from './fields'
import { InputSchemaFields } from './input-schema-fields'
import { RetryFields, durationValue } from './retry-fields'
import { StepIssues } from './step-inspector'

export function WorkflowSettings({
  doc,
  issues,
  actions,
}: {
  doc: WorkflowDoc
  issues: readonly WorkflowIssue[]
  actions: EditorActions
}) {
  const set = (patch: Record<string, unknown>, field: string) =>
    actions.edit((d) => {
      const next: Record<string, unknown> = { ...d }
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) delete next[k]
        else next[k] = v
      }
      return next as WorkflowDoc
    }, `workflow:${field}`)
  const isAboutInputs = (i: WorkflowIssue) => i.path[0] === 'inputs'
  return (
    <section className="inspector" aria-label="Workflow settings" onBlur={actions.breakCoalescing}>
      <h2>Workflow settings</h2>
      <p className="muted">Select a step on the canvas to edit it.</p>
      <StepIssues issues={issues.filter((i) => !isAboutInputs(i))} />
      <TextField label="Workflow name" value={doc.name} onChange={(v) => set({ name: v }, 'name')} />
      <TextField
        label="Description"
        multiline
        value={doc.description}
        onChange={(v) => set({ description: v === '' ? undefined : v }, 'description')}
      />
      <TextField
        label="Run timeout"
        placeholder="none, e.g. 1h"
        value={doc.timeout === undefined ? '' : String(doc.timeout)}
        onChange={(v) => set({ timeout: durationValue(v) }, 'timeout')}
        mono
      />
      <SelectField
        label="When a step fails unhandled"
        value={doc.errorHandling?.strategy ?? 'fail-fast'}
        options={[
          { value: 'fail-fast', label: 'fail the run at once (fail-fast)' },
          { value: 'continue', label: 'let other branches finish (continue)' },
        ]}
        onChange={(v) => set({ errorHandling: { strategy: v } }, 'errorHandling')}
      />
      <RetryFields
        inherit="no retries"
        value={doc.retryPolicy}
        onChange={(v) => set({ retryPolicy: v }, 'retry')}
      />
      <InputSchemaFields doc={doc} issues={issues.filter(isAboutInputs)} actions={actions} />
      <JsonField
        label="Variables (JSON)"
        value={doc.variables}
        onChange={(v) => set({ variables: v }, 'variables')}
        check={isObject}
        hint="Read as vars.<name>."
      />
    </section>
  )
}

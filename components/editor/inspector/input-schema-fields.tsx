'use client'
// The run-inputs field builder in the workflow settings: the inputs a run asks for, each
// with its own settings and problems. The Run dialog renders its form from the same schema.
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import type { EditorActions } from '../editor-state'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import { InputFieldCard } from './input-field-card'
import {
  addInputField,
  checkInputName,
  inputFields,
  removeInputField,
  renameInputField,
  setInputRequired,
  updateInputField,
} from './input-schema-edits'

/** The input an issue is about: paths look like ['inputs', 'properties', <name>, …] or ['inputs', 'required', i]. */
function inputOfIssue(issue: WorkflowIssue, doc: WorkflowDoc): string | undefined {
  const [root, kind, key] = issue.path
  if (root !== 'inputs') return undefined
  if (kind === 'properties' && typeof key === 'string') return key
  if (kind === 'required' && typeof key === 'number') {
    const name: unknown = doc.inputs?.required?.[key]
    return typeof name === 'string' ? name : undefined
  }
  return undefined
}

export function InputSchemaFields({
  doc,
  issues,
  actions,
}: {
  doc: WorkflowDoc
  /** Workflow-level problems whose path starts with "inputs". */
  issues: readonly WorkflowIssue[]
  actions: EditorActions
}) {
  const fields = inputFields(doc)
  const byInput = new Map<string, string[]>()
  const general: string[] = []
  for (const issue of issues) {
    const name = inputOfIssue(issue, doc)
    if (name && fields.some((f) => f.name === name))
      byInput.set(name, [...(byInput.get(name) ?? []), issue.message])
    else general.push(issue.message)
  }
  const edit = (change: (d: WorkflowDoc) => WorkflowDoc, key?: string) => actions.edit(change, key)
  return (
    <fieldset className="inspector-group input-fields">
      <legend>Run inputs</legend>
      <p className="field-hint">
        Asked for in the Run form; steps read them as <code>inputs.&lt;name&gt;</code>.
      </p>
      {general.length > 0 ? (
        <ul className="inspector-issues" aria-label="Problems in the run inputs">
          {general.map((message, i) => (
            <li key={i}>{message}</li>
          ))}
        </ul>
      ) : null}
      {fields.length === 0 ? (
        <p className="muted">No inputs: runs start without asking for anything.</p>
      ) : null}
      {fields.map((field) => (
        <InputFieldCard
          key={field.name}
          name={field.name}
          prop={field.prop}
          required={field.required}
          problems={byInput.get(field.name) ?? []}
          checkName={(to) => checkInputName(doc, field.name, to)}
          onRename={(to) => edit((d) => renameInputField(d, field.name, to))}
          onChange={(patch) =>
            edit(
              (d) => updateInputField(d, field.name, patch),
              `input:${field.name}:${Object.keys(patch).join(',')}`,
            )
          }
          onRequired={(required) => edit((d) => setInputRequired(d, field.name, required))}
          onRemove={() => edit((d) => removeInputField(d, field.name))}
        />
      ))}
      <button type="button" onClick={() => edit((d) => addInputField(d).doc)}>
        Add input
      </button>
    </fieldset>
  )
}

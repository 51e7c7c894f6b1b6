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

/** The issues' messages sorted to the input each is about; the rest are about the inputs as a whole. */
function sortIssuesByInput(issues: readonly WorkflowIssue[], doc: WorkflowDoc, names: readonly string[]) {
  const byInput = new Map<string, string[]>()
  const general: string[] = []
  for (const issue of issues) {
    const name = inputOfIssue(issue, doc)
    if (name && names.includes(name)) byInput.set(name, [...(byInput.get(name) ?? []), issue.message])
    else general.push(issue.message)
  }
  return { byInput, general }
}

function GeneralProblems({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null
  return (
    <ul className="inspector-issues" aria-label="Problems in the run inputs">
      {messages.map((message, i) => (
        <li key={i}>{message}</li>
      ))}
    </ul>
  )
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
  const { byInput, general } = sortIssuesByInput(
    issues,
    doc,
    fields.map((f) => f.name),
  )
  const edit = (change: (d: WorkflowDoc) => WorkflowDoc, key?: string) => actions.edit(change, key)
  return (
    <fieldset className="inspector-group input-fields">
      <legend>Run inputs</legend>
      <p className="field-hint">
        Asked for in the Run form; steps read them as <code>inputs.&lt;name&gt;</code>.
      </p>
      <GeneralProblems messages={general} />
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

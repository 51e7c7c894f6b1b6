'use client'
// The inspector for one selected step: identity, type-specific fields, then the fields every
// step has (timeout, retry, join, variables). Problems show at the top and beside their field.
import { memo, useState } from 'react'
import { getStepType } from '@/steps/registry'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import type { EditorActions } from '../editor-state'
import type { StepDoc, WorkflowDoc } from '@/components/canvas/canvas-types'
import { checkStepId, renameStep, updateStep } from '../graph-edits'
import { InspectorIssuesContext } from './field-issues'
import { TextField } from './fields'
import { renderCustomInspector } from '@/steps/inspectors'
import { StepCommonFields } from './step-common-fields'
import { DeclaredFields, type Update } from './step-type-fields'

function IdField({ doc, step, actions }: { doc: WorkflowDoc; step: StepDoc; actions: EditorActions }) {
  const [text, setText] = useState(step.id)
  const check = checkStepId(doc, step.id, text)
  const apply = () => {
    if (!check.ok || text === step.id) return
    actions.edit((d) => renameStep(d, step.id, text), undefined, [text])
  }
  return (
    <TextField
      label="Id"
      value={text}
      mono
      onChange={setText}
      onBlur={apply}
      hint={
        check.ok ? (
          'Used as steps.<id> in expressions; renaming updates references (applied when you leave the field).'
        ) : (
          <span className="field-error" role="alert">
            {check.reason}
          </span>
        )
      }
    />
  )
}

function TypeFields({ step, update }: { step: StepDoc; update: Update }) {
  const definition = getStepType(step.type)
  if (!definition) return <p className="muted">Unknown step type; fix it in the JSON view.</p>
  const custom = renderCustomInspector({ step, update })
  if (custom !== undefined) return custom
  return definition.inspector ? <DeclaredFields fields={definition.inspector} step={step} update={update} /> : null
}

export function StepIssues({ issues }: { issues: readonly WorkflowIssue[] }) {
  if (issues.length === 0) return null
  return (
    <ul className="inspector-issues" aria-label="Problems in this step">
      {issues.map((i, n) => (
        <li key={n} className={`issue-${i.severity}`}>
          {i.message}
        </li>
      ))}
    </ul>
  )
}

function StepInspectorForm({
  doc,
  step,
  issues,
  actions,
}: {
  doc: WorkflowDoc
  step: StepDoc
  issues: readonly WorkflowIssue[]
  actions: EditorActions
}) {
  const update: Update = (patch, field) => actions.edit((d) => updateStep(d, step.id, patch), `${step.id}:${field}`)
  const definition = getStepType(step.type)
  return (
    <InspectorIssuesContext.Provider value={{ issues, scope: 'step' }}>
      <section className="inspector" aria-label={`Inspector: ${step.name}`} onBlur={actions.breakCoalescing}>
        <h2>
          {definition?.label ?? 'Step'} <code className="muted">{step.id}</code>
        </h2>
        <StepIssues issues={issues} />
        <TextField label="Name" value={step.name} onChange={(v) => update({ name: v }, 'name')} issuePath={['name']} />
        <IdField key={step.id} doc={doc} step={step} actions={actions} />
        <TextField
          label="Description"
          multiline
          value={step.description}
          onChange={(v) => update({ description: v === '' ? undefined : v }, 'description')}
          issuePath={['description']}
        />
        <TypeFields step={step} update={update} />
        <StepCommonFields step={step} update={update} />
      </section>
    </InspectorIssuesContext.Provider>
  )
}

function withoutPosition(step: StepDoc): unknown {
  const { position: _p, ...rest } = step
  return rest
}

const idsOf = (doc: WorkflowDoc) => doc.steps.map((s) => s.id).join('\u0000')

/** Dragging a node changes only positions; the form need not re-render for that. */
export const StepInspector = memo(StepInspectorForm, (a, b) => {
  if (a.actions !== b.actions || a.issues !== b.issues) return false
  if (a.step !== b.step && JSON.stringify(withoutPosition(a.step)) !== JSON.stringify(withoutPosition(b.step))) return false
  return a.doc === b.doc || (a.doc.steps.length === b.doc.steps.length && idsOf(a.doc) === idsOf(b.doc))
})

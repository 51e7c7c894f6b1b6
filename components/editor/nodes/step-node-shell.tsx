'use client'
// The frame every step node shares: type icon and label, name, id, a problem badge, the
// target handle and one labelled source handle per outgoing edge kind the type offers.
import { Handle, Position } from '@xyflow/react'
import type { ReactNode } from 'react'
import { getStepType } from '@/steps/registry'
import type { StepDoc } from '@/components/canvas/canvas-types'
import { useStepIssues } from '../issue-store'
import { StepIcon } from './step-icon'

export function StepNodeShell({
  step,
  selected,
  children,
}: {
  step: StepDoc
  selected: boolean
  children?: ReactNode
}) {
  const definition = getStepType(step.type)
  const issues = useStepIssues(step.id)
  const errors = issues.filter((i) => i.severity === 'error')
  const warnings = issues.length - errors.length
  // Placement is the warning worth reading on the canvas: the run would be refused or wait.
  const placement = issues.find((i) => i.code === 'no_capable_device' || i.code === 'no_online_device')
  const classes = ['step-node', `step-node-${definition ? step.type : 'unknown'}`]
  if (selected) classes.push('is-selected')
  if (errors.length > 0) classes.push('has-errors')
  return (
    <div className={classes.join(' ')} aria-label={`${definition?.label ?? 'Unknown'} step ${step.name}`}>
      <Handle type="target" position={Position.Left} id="in" className="step-handle-in" />
      <div className="step-node-header">
        <StepIcon type={step.type} />
        <span className="step-node-type">{definition?.label ?? `Unknown type "${String(step.type)}"`}</span>
        {errors.length > 0 ? (
          <span className="step-node-badge" title={errors.map((e) => e.message).join('\n')}>
            {errors.length} {errors.length === 1 ? 'error' : 'errors'}
          </span>
        ) : warnings > 0 ? (
          <span className="step-node-badge is-warning" title={issues.map((i) => i.message).join('\n')}>
            {warnings} ⚠
          </span>
        ) : null}
      </div>
      <div className="step-node-name">{step.name}</div>
      <div className="step-node-id">{step.id}</div>
      {children ? <div className="step-node-params">{children}</div> : null}
      {errors[0] ? (
        <div className="step-node-error">{errors[0].message}</div>
      ) : placement ? (
        <div className="step-node-warning" data-placement-warning="">
          {placement.message}
        </div>
      ) : null}
      <div className="step-node-outputs">
        {(definition?.outgoing ?? []).map((kind) => (
          <div key={kind} className={`step-node-output edge-kind-${kind}`}>
            <span>{kind}</span>
            <Handle
              type="source"
              position={Position.Right}
              id={kind}
              className={`step-handle step-handle-${kind}`}
              aria-label={`${kind} output of ${step.id}`}
            />
          </div>
        ))}
      </div>
    </div>
  )
}

/** A key parameter line: a short label and a monospace value, clipped to one line. */
export function Param({ label, value }: { label: string; value: unknown }) {
  if (value === undefined || value === null || value === '') return null
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return (
    <div className="step-node-param" title={text}>
      <span className="muted">{label}</span> <code>{text}</code>
    </div>
  )
}

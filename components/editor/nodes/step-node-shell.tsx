'use client'
// The frame every step node shares: type icon and label, name, id, a problem badge, the
// target handle and one labelled source handle per outgoing edge kind the type offers.
import { Handle, Position } from '@xyflow/react'
import type { ReactNode } from 'react'
import { getStepType } from '@/steps/registry'
import type { StepDoc } from '@/components/canvas/canvas-types'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import { useStepIssues } from '../issue-store'
import { StepIcon } from './step-icon'

/** The header's count of errors (or, with none, of warnings); every message in its tooltip. */
function IssueCountBadge({ issues }: { issues: readonly WorkflowIssue[] }) {
  const errors = issues.filter((i) => i.severity === 'error')
  const warnings = issues.length - errors.length
  if (errors.length > 0)
    return (
      <span className="step-node-badge" title={errors.map((e) => e.message).join('\n')}>
        {errors.length} {errors.length === 1 ? 'error' : 'errors'}
      </span>
    )
  if (warnings > 0)
    return (
      <span className="step-node-badge is-warning" title={issues.map((i) => i.message).join('\n')}>
        {warnings} ⚠
      </span>
    )
  return null
}

/** One labelled source handle per outgoing edge kind. */
function OutputHandles({ stepId, kinds }: { stepId: string; kinds: readonly string[] }) {
  return (
    <div className="step-node-outputs">
      {kinds.map((kind) => (
        <div key={kind} className={`step-node-output edge-kind-${kind}`}>
          <span>{kind}</span>
          <Handle
            type="source"
            position={Position.Right}
            id={kind}
            className={`step-handle step-handle-${kind}`}
            aria-label={`${kind} output of ${stepId}`}
          />
        </div>
      ))}
    </div>
  )
}

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
        <IssueCountBadge issues={issues} />
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
      <OutputHandles stepId={step.id} kinds={definition?.outgoing ?? []} />
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

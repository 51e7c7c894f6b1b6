'use client'
// The step inspector beside the run canvas: the step's parameters and resolved input, output,
// error, attempts with their devices, branches of a fan-out, and its log.
import { useEffect, useRef } from 'react'
import type { RunStatusStore } from '@/components/live/run-status-store'
import { useLiveStep } from '@/components/live/use-live-run'
import { JsonTree } from './json-tree'
import { FanOutPanel } from './fan-out-panel'
import { LiveStepBadge } from '@/components/canvas/live-step-badge'
import { readRunError } from './run-error'
import { StepAttempts } from './step-attempts'
import { StepLog } from './step-log'
import { useStepCommands, useStepLogs } from './use-step-activity'
import type { RunDetail } from './use-run'
import styles from './run-inspector.module.css'

const DOCUMENT_FIELDS = new Set(['id', 'name', 'type', 'position', 'dependencies', 'onSuccess', 'onFailure'])

function parametersOf(step: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(step).filter(([key]) => !DOCUMENT_FIELDS.has(key)))
}

function hasValue(value: unknown): boolean {
  return value !== null && value !== undefined && !(typeof value === 'object' && Object.keys(value).length === 0)
}

export function StepInspector(props: { run: RunDetail; store: RunStatusStore; stepId: string; onClose: () => void }) {
  const { run, store, stepId } = props
  const step = run.definition.steps.find((s) => s.id === stepId)
  const row = run.steps.find((s) => s.stepId === stepId)
  const live = useLiveStep(store, stepId)
  const status = live?.status ?? row?.status ?? 'pending'
  const isActive = status === 'running' || status === 'waiting' || status === 'ready'
  const commands = useStepCommands(run.id, stepId, isActive, status)
  const logs = useStepLogs(run.id, stepId, isActive, status)
  const error = readRunError(row?.error) ?? (live?.error?.message ? { code: live.error.code ?? 'error', message: live.error.message } : null)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [stepId])
  if (!step) return null
  return (
    <aside className={`card ${styles.inspector}`} aria-label="Step inspector">
      <div className={styles.inspectorHead}>
        <h2 ref={heading} tabIndex={-1}>
          {step.name} <span className="muted mono">{step.id}</span>
        </h2>
        <button type="button" onClick={props.onClose} aria-label="Close the step inspector">
          ✕
        </button>
      </div>
      <p>
        <span className="badge">{step.type}</span> <LiveStepBadge stepId={stepId} fallback={row?.status ?? 'pending'} />
      </p>
      {error && status !== 'succeeded' ? (
        <div className="error-box" role="alert" aria-label="Step error">
          <strong className="mono">{error.code}</strong>: {error.message}
        </div>
      ) : null}
      {step.type === 'parallel' ? <FanOutPanel output={row?.output} commands={commands.data?.commands ?? []} /> : null}
      <section aria-label="Parameters" className={styles.section}>
        <h3>Parameters</h3>
        <JsonTree value={parametersOf(step)} label="Parameters" />
      </section>
      {hasValue(row?.input) ? (
        <section aria-label="Resolved input" className={styles.section}>
          <h3>Resolved input</h3>
          <JsonTree value={row?.input} label="Resolved input" />
        </section>
      ) : null}
      <section aria-label="Output" className={styles.section}>
        <h3>Output</h3>
        {row?.output === null || row?.output === undefined ? (
          <p className="muted">{isActive ? 'Not yet.' : 'None.'}</p>
        ) : (
          <JsonTree value={row.output} label="Output" />
        )}
      </section>
      <StepAttempts store={store} stepId={stepId} commands={commands.data?.commands ?? []} />
      <StepLog store={store} stepId={stepId} deviceLines={logs.lines} error={logs.error} />
    </aside>
  )
}

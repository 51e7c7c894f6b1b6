'use client'
// The /runs/[id] page: header, actions, steps waiting for a signal, and the steps table.
import Link from 'next/link'
import { ApiError } from '@/components/ui/api-error'
import { RunActions } from './run-actions'
import { RunHeader } from './run-header'
import { RunStepsTable } from './run-steps-table'
import { ResumeStepForm } from './resume-step-form'
import { useRun, type RunDetail } from './use-run'

/** Steps parked on a signal that a person can resume now. */
function signalWaits(run: RunDetail) {
  if (run.status !== 'running') return []
  return run.definition.steps.flatMap((step) => {
    const row = run.steps.find((s) => s.stepId === step.id)
    if (step.type !== 'wait' || step.wait.kind !== 'signal' || row?.status !== 'waiting') return []
    const parked = (row.input ?? {}) as { prompt?: unknown }
    const prompt = typeof parked.prompt === 'string' ? parked.prompt : undefined
    return [{ stepId: step.id, stepName: step.name, signal: step.wait.signal, prompt }]
  })
}

export function RunView({ id }: { id: string }) {
  const { query, refresh } = useRun(id)
  const run = query.data
  return (
    <>
      <div className="toolbar">
        <h1 className="grow">
          Run <span className="mono">{id.slice(0, 8)}</span>
        </h1>
        <Link href="/runs">All runs</Link>
      </div>
      <ApiError error={query.error} title="Could not load the run" />
      {run ? (
        <>
          <RunHeader run={run} />
          <RunActions run={run} onChanged={refresh} />
          {signalWaits(run).map((wait) => (
            <ResumeStepForm key={wait.stepId} runId={run.id} onResumed={refresh} {...wait} />
          ))}
          <RunStepsTable run={run} />
        </>
      ) : query.isPending ? (
        <p className="muted">Loading…</p>
      ) : null}
    </>
  )
}

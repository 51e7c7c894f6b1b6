'use client'
// The /runs/[id] page: header and actions, steps waiting for a signal, the run's canvas with live
// statuses and the step inspector, the timeline and the steps table. Statuses come from /live
// (useLiveRun); the run's details are re-fetched when its events arrive.
import Link from 'next/link'
import { useMemo, useState } from 'react'
import { useLiveRun, useLiveRunSummary } from '@/components/live/use-live-run'
import { ApiError } from '@/components/ui/api-error'
import { isTerminalExecutionStatus } from '@/server/engine/run/run-status'
import { LiveIndicator } from './live-indicator'
import { withLiveSummary } from './live-run-summary'
import { RunActions } from './run-actions'
import { RunAnomalies } from './run-anomalies'
import { RunCanvas } from './run-canvas'
import { RunHeader } from './run-header'
import { RunStepsTable } from './run-steps-table'
import { RunStoreContext } from '@/components/canvas/run-store-context'
import { StepNodeExtraContext } from '@/components/canvas/step-node-extra'
import { ChildRunLink, ChildRunsContext, latestChildRuns } from './child-run-link'
import { RunTimeline } from './run-timeline'
import { ResumeStepForm } from './resume-step-form'
import { StepInspector } from './step-inspector'
import { useRun, type RunDetail } from './use-run'
import styles from './runs.module.css'

/** Under a `workflow` step's node: its child run, live, with a link. */
const childRunUnderNode = (stepId: string) => <ChildRunLink stepId={stepId} />

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
  const { store, connected } = useLiveRun(id)
  const { query, refresh } = useRun(id, store)
  const live = useLiveRunSummary(store)
  const run = query.data ? withLiveSummary(query.data, live) : undefined
  const [selected, setSelected] = useState<string | null>(null)
  const childRuns = useMemo(() => latestChildRuns(query.data), [query.data])
  return (
    <RunStoreContext.Provider value={store}>
      <div className="toolbar">
        <h1 className="grow">
          Run <span className="mono">{id.slice(0, 8)}</span>
        </h1>
        <LiveIndicator connected={connected} />
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
          <RunAnomalies runId={run.id} onSelectStep={setSelected} />
          <div className={`${styles.runBody} ${selected ? styles.withInspector : ''}`}>
            <ChildRunsContext.Provider value={childRuns}>
              <StepNodeExtraContext.Provider value={childRunUnderNode}>
                <RunCanvas definition={run.definition} store={store} selectedStepId={selected} onSelectStep={setSelected} />
              </StepNodeExtraContext.Provider>
            </ChildRunsContext.Provider>
            {selected ? (
              <StepInspector run={run} store={store} stepId={selected} onClose={() => setSelected(null)} />
            ) : null}
          </div>
          <RunTimeline
            store={store}
            steps={run.definition.steps}
            startedAt={run.startedAt ?? run.createdAt}
            isRunning={!isTerminalExecutionStatus(run.status)}
            onSelectStep={setSelected}
          />
          <RunStepsTable run={run} onInspect={setSelected} />
        </>
      ) : query.isPending ? (
        <p className="muted">Loading…</p>
      ) : null}
    </RunStoreContext.Provider>
  )
}

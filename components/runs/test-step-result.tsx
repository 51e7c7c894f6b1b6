'use client'
// The result of a step test, live: its status, output, error and log, from the test run's room.
import { useEffect } from 'react'
import { LiveStepBadge } from '@/components/canvas/live-step-badge'
import { RunStoreContext } from '@/components/canvas/run-store-context'
import { useLiveRun, useLiveStep } from '@/components/live/use-live-run'
import type { TestResultViewProps } from '@/components/canvas/test-result-view'
import { JsonTree } from './json-tree'
import { readRunError } from './run-error'
import { StepLog } from './step-log'
import { useRun } from './use-run'
import { useStepLogs } from './use-step-activity'

export function TestStepResult({ executionId, stepId, onOutput }: TestResultViewProps) {
  const { store } = useLiveRun(executionId)
  const { query } = useRun(executionId, store)
  const row = query.data?.steps.find((s) => s.stepId === stepId)
  const live = useLiveStep(store, stepId)
  const status = live?.status ?? row?.status ?? 'pending'
  const isActive = status === 'running' || status === 'waiting' || status === 'ready' || status === 'pending'
  const logs = useStepLogs(executionId, stepId, isActive, status)
  const error = readRunError(row?.error) ?? (live?.error?.message ? { code: live.error.code ?? 'error', message: live.error.message } : null)
  const succeeded = row?.status === 'succeeded'
  useEffect(() => {
    if (succeeded) onOutput(row.output)
  }, [succeeded, onOutput, row?.output])
  return (
    <RunStoreContext.Provider value={store}>
      <section aria-label="Test result" className="test-step-result">
        <p>
          Test run <LiveStepBadge stepId={stepId} fallback={row?.status ?? 'pending'} />{' '}
          <a href={`/runs/${executionId}`} className="muted">
            open run
          </a>
        </p>
        {error && status !== 'succeeded' ? (
          <div className="error-box" role="alert" aria-label="Test error">
            <strong className="mono">{error.code}</strong>: {error.message}
          </div>
        ) : null}
        <section aria-label="Test output">
          <h3>Output</h3>
          {row?.output === null || row?.output === undefined ? (
            <p className="muted">{isActive ? 'Not yet.' : 'None.'}</p>
          ) : (
            <JsonTree value={row.output} label="Test output" />
          )}
        </section>
        <StepLog store={store} stepId={stepId} deviceLines={logs.lines} error={logs.error} />
      </section>
    </RunStoreContext.Provider>
  )
}

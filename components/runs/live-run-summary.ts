// Lays the live run summary (from /live) over the fetched run, so status and times change the
// moment the event arrives rather than at the next fetch.
import type { LiveRunSummary } from '@/contracts/live-contract'
import { EXECUTION_STATUSES, type ExecutionStatus } from '@/server/engine/run/run-status'

/** `run.started` means running; anything that is not an execution status keeps the fetched one. */
export function liveExecutionStatus(status: string, fallback: ExecutionStatus): ExecutionStatus {
  if (status === 'started') return 'running'
  return EXECUTION_STATUSES.find((s) => s === status) ?? fallback
}

export function withLiveSummary<
  T extends {
    status: ExecutionStatus
    startedAt: Date | null
    finishedAt: Date | null
    lastSeq: number
    handledFailures: number
  },
>(run: T, live: LiveRunSummary | undefined): T {
  if (!live || live.lastSeq < run.lastSeq) return run
  return {
    ...run,
    status: liveExecutionStatus(live.status, run.status),
    startedAt: live.startedAt ? new Date(live.startedAt) : run.startedAt,
    finishedAt: live.finishedAt ? new Date(live.finishedAt) : run.finishedAt,
    handledFailures: Math.max(live.handledFailures, run.handledFailures),
  }
}

// Follows a run until it ends (succeeded, failed, cancelled, timed out) with the server's
// `runs.wait` long poll, which answers at the commit that ends the run.
import { isTerminalExecutionStatus } from '@/server/engine/run/run-status'
import type { ApiClient } from './api-client'
import { CliError, EXIT_FAILED } from './cli-errors'

export type RunDetail = Awaited<ReturnType<ApiClient['runs']['get']['query']>>

export const POLL_INTERVAL_MS = 500

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** How long one `runs.wait` call may hold the request open (the server caps it at 25 s). */
const LONG_POLL_MS = 20_000

export async function waitForRunEnd(
  api: ApiClient,
  id: string,
  options: { timeoutMs?: number | undefined } = {},
): Promise<RunDetail> {
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs
  for (;;) {
    const left = Math.max(0, Math.min(LONG_POLL_MS, deadline - Date.now()))
    const waited = await api.runs.wait.query({ id, timeoutMs: left })
    if (waited.ended) return api.runs.get.query({ id })
    if (Date.now() >= deadline) {
      const run = await api.runs.get.query({ id })
      if (isTerminalExecutionStatus(run.status)) return run
      throw new CliError(
        `Run ${id} is still ${run.status} after ${Math.round((options.timeoutMs ?? 0) / 1000)} s; stopped waiting (the run goes on).`,
        EXIT_FAILED,
        [],
        'WAIT_TIMEOUT',
      )
    }
  }
}

// Polls a run until it ends (succeeded, failed, cancelled, timed out).
import { isTerminalExecutionStatus } from '@/server/engine/run/run-status'
import type { ApiClient } from './api-client'
import { CliError, EXIT_FAILED } from './cli-errors'

export type RunDetail = Awaited<ReturnType<ApiClient['runs']['get']['query']>>

export const POLL_INTERVAL_MS = 500

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export async function waitForRunEnd(
  api: ApiClient,
  id: string,
  options: { timeoutMs?: number | undefined; intervalMs?: number } = {},
): Promise<RunDetail> {
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs
  for (;;) {
    const run = await api.runs.get.query({ id })
    if (isTerminalExecutionStatus(run.status)) return run
    if (Date.now() >= deadline) {
      throw new CliError(
        `Run ${id} is still ${run.status} after ${Math.round((options.timeoutMs ?? 0) / 1000)} s; stopped waiting (the run goes on).`,
        EXIT_FAILED,
        [],
        'WAIT_TIMEOUT',
      )
    }
    await sleep(options.intervalMs ?? POLL_INTERVAL_MS)
  }
}

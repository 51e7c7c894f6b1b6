// Devices currently flagged by anomaly detection (slow for their work against their peers, or
// failing far more than them), for least-loaded routing to de-prioritise. Cached per process,
// since routing asks on every dispatch and the answer changes over minutes.
import type { Db } from '@/db/client'
import type { Anomaly } from '@/server/statistics/anomaly/anomaly-types'
import { findAnomalies } from './find-anomalies'

export interface FlaggedDevices {
  /** Flagged device ids with the reason; refreshed in the background every `ttlMs`. */
  current(): Promise<Map<string, string>>
  /**
   * The last loaded set without waiting (empty before the first load), starting a background
   * refresh when it is older than `ttlMs`: what a dispatch reads, so routing never waits on it.
   */
  peek(): ReadonlyMap<string, string>
}

/** Device-level anomalies only: one slow execution does not make a device suspect. */
export function flaggedDevicesOf(anomalies: readonly Anomaly[]): Map<string, string> {
  const flagged = new Map<string, string>()
  for (const a of anomalies) {
    if (a.subject.kind !== 'device' || a.kind === 'slow_execution' || flagged.has(a.subject.key)) continue
    flagged.set(a.subject.key, a.explanation)
  }
  return flagged
}

export function createFlaggedDevices(
  deps: { db: Db; clock: { now: () => Date }; onError?: (error: unknown) => void },
  ttlMs = 30_000,
): FlaggedDevices {
  let cached: { at: number; value: Map<string, string> } | undefined
  let loading: Promise<Map<string, string>> | undefined
  const load = async () => {
    const now = deps.clock.now()
    const anomalies = await findAnomalies(deps.db, now, { lookbackHours: 24, recentMinutes: 60 })
    const flagged = flaggedDevicesOf(anomalies)
    cached = { at: now.getTime(), value: flagged }
    return flagged
  }
  const isFresh = () => cached !== undefined && deps.clock.now().getTime() - cached.at < ttlMs
  const refresh = () => (loading ??= load().finally(() => (loading = undefined)))
  return {
    async current() {
      if (isFresh() && cached) return cached.value
      const pending = refresh()
      // A stale answer is better than a slow dispatch; the first call waits.
      if (!cached) return pending
      pending.catch((error: unknown) => deps.onError?.(error))
      return cached.value
    },
    peek() {
      if (!isFresh() && !loading)
        refresh().catch((error: unknown) => {
          deps.onError?.(error)
          // Keep the last answer and try again after another ttl, not on every dispatch.
          cached = { at: deps.clock.now().getTime(), value: cached?.value ?? new Map<string, string>() }
        })
      return cached?.value ?? new Map<string, string>()
    },
  }
}

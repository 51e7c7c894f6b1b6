// Devices currently flagged by anomaly detection (slow for their work against their peers, or
// failing far more than them), for least-loaded routing to de-prioritise. Cached per process,
// since routing asks on every dispatch and the answer changes over minutes.
import type { Db } from '@/db/client'
import { findAnomalies } from './find-anomalies'

export interface FlaggedDevices {
  /** Flagged device ids with the reason; refreshed in the background every `ttlMs`. */
  current(): Promise<Map<string, string>>
}

export function createFlaggedDevices(
  deps: { db: Db; clock: { now: () => Date } },
  ttlMs = 30_000,
): FlaggedDevices {
  let cached: { at: number; value: Map<string, string> } | undefined
  let loading: Promise<Map<string, string>> | undefined
  const load = async () => {
    const now = deps.clock.now()
    const anomalies = await findAnomalies(deps.db, now, { lookbackHours: 24, recentMinutes: 60 })
    const flagged = new Map<string, string>()
    for (const a of anomalies) {
      if (a.subject.kind !== 'device' || a.kind === 'slow_execution' || flagged.has(a.subject.key)) continue
      flagged.set(a.subject.key, a.explanation)
    }
    cached = { at: now.getTime(), value: flagged }
    return flagged
  }
  return {
    async current() {
      const fresh = cached && deps.clock.now().getTime() - cached.at < ttlMs
      if (fresh && cached) return cached.value
      loading ??= load().finally(() => (loading = undefined))
      // A stale answer is better than a slow dispatch; the first call waits.
      return cached ? cached.value : loading
    },
  }
}

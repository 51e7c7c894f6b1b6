// Window measurements cached per process: a window's numbers move slowly relative to its length,
// so a 60-minute window is recomputed at most once a minute (a 5-minute one every 5 s). A stale
// value is served while the next one is computed, so a page never waits on a long window.
import type { Db } from '@/db/client'
import { measureWindow, type WindowMeasurements } from './window-measurements'

interface Entry {
  at: number
  value: WindowMeasurements
  refreshing?: Promise<WindowMeasurements>
}

const caches = new WeakMap<Db, Map<number, Entry>>()

/** How long a window's measurement is reused: 1/60 of the window, at least a second. */
export const ttlMsFor = (windowSeconds: number) => Math.max(1000, (windowSeconds * 1000) / 60)

export async function measureWindowCached(
  db: Db,
  now: Date,
  windowSeconds: number,
): Promise<WindowMeasurements> {
  let byWindow = caches.get(db)
  if (!byWindow) caches.set(db, (byWindow = new Map<number, Entry>()))
  const entry = byWindow.get(windowSeconds)
  const age = entry ? now.getTime() - entry.at : Number.POSITIVE_INFINITY
  if (entry && age >= 0 && age < ttlMsFor(windowSeconds)) return entry.value

  const refresh = () => {
    const pending = measureWindow(db, now, windowSeconds).then((value) => {
      byWindow.set(windowSeconds, { at: now.getTime(), value })
      return value
    })
    pending.catch(() => {
      const current = byWindow.get(windowSeconds)
      if (current) delete current.refreshing
    })
    return pending
  }
  // Stale but not too stale (< 5 TTLs, and not from the future): serve it and refresh behind.
  if (entry && age >= 0 && age < 5 * ttlMsFor(windowSeconds)) {
    entry.refreshing ??= refresh()
    entry.refreshing.catch(() => undefined)
    return entry.value
  }
  return refresh()
}

// Durations of runs and steps as people read them; shared by the run pages and the CLI.

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '-'
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const totalSeconds = Math.round(ms / 1000)
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds % 60
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} m`
  return `${minutes} m ${String(seconds).padStart(2, '0')} s`
}

/** From start to end, or to now while it is still going; null when it has not started. */
export function elapsedMs(start: Date | null, end: Date | null, now: Date = new Date()): number | null {
  if (!start) return null
  return (end ?? now).getTime() - start.getTime()
}

// Percentiles of a sample, the way the monitoring page and the CLI report them (linear
// interpolation between closest ranks, as PostgreSQL's percentile_cont does).

export interface DurationSummary {
  count: number
  p50: number | null
  p95: number | null
  p99: number | null
}

/** The q-quantile (0..1) of values sorted ascending; null for an empty sample. */
export function quantileSorted(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q))
  const lower = Math.floor(position)
  const upper = Math.ceil(position)
  const a = sorted[lower] as number
  const b = sorted[upper] as number
  return a + (b - a) * (position - lower)
}

export function summarizeDurations(values: readonly number[]): DurationSummary {
  const sorted = [...values].sort((a, b) => a - b)
  return {
    count: sorted.length,
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
  }
}

/** "850 ms", "7.9 s", "41 s", "2.5 min", "1.2 h": short and readable in one glance. */
export function formatDurationMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${trimNumber(ms / 1000)} s`
  if (ms < 3_600_000) return `${trimNumber(ms / 60_000)} min`
  return `${trimNumber(ms / 3_600_000)} h`
}

/** One decimal below 10, none above: 7.9, 41, 120. */
export function trimNumber(value: number): string {
  return Math.abs(value) < 10 ? (Math.round(value * 10) / 10).toString() : Math.round(value).toString()
}

export function formatPercent(ratio: number): string {
  const pct = ratio * 100
  return `${pct < 10 ? (Math.round(pct * 10) / 10).toString() : Math.round(pct).toString()}%`
}

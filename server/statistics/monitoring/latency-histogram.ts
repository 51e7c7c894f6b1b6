// Log-scaled latency histograms: what a per-minute rollup keeps instead of every duration, so a
// 60-minute window merges 60 small histograms rather than sorting a million values. Buckets are
// 2 % wide, so a percentile read from them is within about 1 % of the exact one.

/** Bucket b holds values in [FLOOR_MS·GROWTH^b, FLOOR_MS·GROWTH^(b+1)); ZERO_BUCKET holds v < FLOOR_MS. */
export const HISTOGRAM_FLOOR_MS = 0.01
export const HISTOGRAM_GROWTH = 1.02
export const ZERO_BUCKET = -1

/** Bucket → count. Keys are strings because the rollups store them as JSON objects. */
export type LatencyHistogram = Record<string, number>

export function bucketOf(ms: number): number {
  if (!(ms >= HISTOGRAM_FLOOR_MS)) return ZERO_BUCKET
  return Math.floor(Math.log(ms / HISTOGRAM_FLOOR_MS) / Math.log(HISTOGRAM_GROWTH))
}

/** The bucket's geometric middle (0 for the zero bucket): the value a percentile reads back. */
export function bucketValue(bucket: number): number {
  if (bucket <= ZERO_BUCKET) return 0
  return HISTOGRAM_FLOOR_MS * HISTOGRAM_GROWTH ** (bucket + 0.5)
}

/** The same bucketing in SQL, for rollups computed inside PostgreSQL (`value` is a ms expression). */
export function bucketSql(value: string): string {
  return `CASE WHEN ${value} >= ${HISTOGRAM_FLOOR_MS} THEN floor(ln((${value}) / ${HISTOGRAM_FLOOR_MS}) / ln(${HISTOGRAM_GROWTH}))::int ELSE ${ZERO_BUCKET} END`
}

export function histogramOf(values: readonly number[]): LatencyHistogram {
  const h: LatencyHistogram = {}
  for (const v of values) {
    const b = String(bucketOf(v))
    h[b] = (h[b] ?? 0) + 1
  }
  return h
}

export function mergeHistograms(histograms: readonly LatencyHistogram[]): LatencyHistogram {
  const merged: LatencyHistogram = {}
  for (const h of histograms) for (const [b, n] of Object.entries(h)) merged[b] = (merged[b] ?? 0) + n
  return merged
}

export function histogramCount(h: LatencyHistogram): number {
  return Object.values(h).reduce((sum, n) => sum + n, 0)
}

/**
 * The q-quantile (0..1) read from a histogram, interpolating between closest ranks like
 * percentile_cont, with every value taken as its bucket's middle; null when empty.
 */
export function histogramQuantile(h: LatencyHistogram, q: number): number | null {
  const buckets = Object.entries(h)
    .map(([b, n]) => [Number(b), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0])
  const total = buckets.reduce((sum, [, n]) => sum + n, 0)
  if (total === 0) return null
  const position = (total - 1) * Math.min(1, Math.max(0, q))
  const valueAt = (rank: number): number => {
    let seen = 0
    for (const [b, n] of buckets) {
      seen += n
      if (rank < seen) return bucketValue(b)
    }
    return bucketValue((buckets[buckets.length - 1] as readonly [number, number])[0])
  }
  const lower = Math.floor(position)
  const a = valueAt(lower)
  const b = valueAt(Math.ceil(position))
  return a + (b - a) * (position - lower)
}

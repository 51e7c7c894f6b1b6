// Duration percentiles from a log-scale histogram. Sorting a million durations per report is what
// made exact percentile_cont miss the 1 s budget; counting them into buckets 1% wide is a hash
// aggregate. Bucket b holds durations d with round(ln(d + 1) × 100) = b, so reading a bucket back as
// exp(b / 100) − 1 is within 0.5% of every duration in it; ranks interpolate as percentile_cont does.

export const BUCKETS_PER_E = 100

/** A bucket number and how many durations fell in it. */
export type HistogramBin = readonly [bucket: number, count: number]

export function bucketOfMs(ms: number): number {
  return Math.round(Math.log(Math.max(ms, 0) + 1) * BUCKETS_PER_E)
}

export function msOfBucket(bucket: number): number {
  return Math.exp(bucket / BUCKETS_PER_E) - 1
}

/** The q-quantile (0..1) of the histogram's durations; bins in any order; null when empty. */
export function histogramQuantile(bins: readonly HistogramBin[], q: number): number | null {
  const sorted = [...bins].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0])
  const total = sorted.reduce((sum, [, n]) => sum + n, 0)
  if (total === 0) return null
  const position = (total - 1) * Math.min(1, Math.max(0, q))
  const lower = valueAtRank(sorted, Math.floor(position))
  const upper = valueAtRank(sorted, Math.ceil(position))
  return lower + (upper - lower) * (position - Math.floor(position))
}

function valueAtRank(sorted: readonly HistogramBin[], rank: number): number {
  let seen = 0
  for (const [bucket, n] of sorted) {
    seen += n
    if (rank < seen) return msOfBucket(bucket)
  }
  return msOfBucket(sorted.at(-1)?.[0] ?? 0)
}

export function histogramPercentiles(bins: readonly HistogramBin[]) {
  return {
    p50Ms: histogramQuantile(bins, 0.5),
    p95Ms: histogramQuantile(bins, 0.95),
    p99Ms: histogramQuantile(bins, 0.99),
  }
}

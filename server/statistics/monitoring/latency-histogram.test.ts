import { describe, expect, it } from 'vitest'
import {
  bucketOf,
  bucketValue,
  histogramCount,
  histogramOf,
  histogramQuantile,
  mergeHistograms,
  ZERO_BUCKET,
} from './latency-histogram'
import { quantileSorted } from './percentiles'

/** A deterministic skewed sample: most values small, a long tail (like step durations). */
const skewed = (n: number, seed = 1) => {
  let x = seed
  return Array.from({ length: n }, () => {
    x = (x * 48271) % 2147483647
    const u = x / 2147483647
    return 5 * Math.exp(6 * u * u)
  })
}

describe('latency histogram', () => {
  it('a value reads back as its bucket middle, within 1 %', () => {
    for (const v of [0.013, 0.5, 1, 7.9, 41_000, 3_600_000]) {
      const back = bucketValue(bucketOf(v))
      expect(Math.abs(back - v) / v).toBeLessThan(0.01)
    }
  })

  it('zero, negative and missing durations fall in the zero bucket and read back as 0', () => {
    expect([0, -5, Number.NaN, 0.001].map(bucketOf)).toEqual([
      ZERO_BUCKET,
      ZERO_BUCKET,
      ZERO_BUCKET,
      ZERO_BUCKET,
    ])
    expect(bucketValue(ZERO_BUCKET)).toBe(0)
  })

  it.each([0, 0.5, 0.95, 0.99, 1])(
    'the %s quantile of a skewed sample is within 1 % of the exact one',
    (q) => {
      const values = skewed(20_000)
      const exact = quantileSorted(
        [...values].sort((a, b) => a - b),
        q,
      ) as number
      const approx = histogramQuantile(histogramOf(values), q) as number
      expect(Math.abs(approx - exact) / exact).toBeLessThan(0.01)
    },
  )

  it('merging per-minute histograms equals the histogram of all values', () => {
    const a = skewed(500, 7)
    const b = skewed(800, 11)
    const merged = mergeHistograms([histogramOf(a), histogramOf(b)])
    expect(merged).toEqual(histogramOf([...a, ...b]))
    expect(histogramCount(merged)).toBe(1300)
  })

  it('an empty histogram has no quantile', () => {
    expect(histogramQuantile({}, 0.5)).toBeNull()
    expect(histogramQuantile({ '10': 0 }, 0.5)).toBeNull()
  })

  it('interpolates between closest ranks like percentile_cont', () => {
    // Two values in distant buckets: the median lies halfway between their bucket middles.
    const h = histogramOf([100, 300])
    const mid = (bucketValue(bucketOf(100)) + bucketValue(bucketOf(300))) / 2
    expect(histogramQuantile(h, 0.5)).toBeCloseTo(mid)
  })
})

import { describe, expect, it } from 'vitest'
import { quantileSorted } from '../monitoring/percentiles'
import { bucketOfMs, histogramQuantile, type HistogramBin } from './log-histogram'

function histogram(values: number[]): HistogramBin[] {
  const counts = new Map<number, number>()
  for (const v of values) counts.set(bucketOfMs(v), (counts.get(bucketOfMs(v)) ?? 0) + 1)
  return [...counts.entries()]
}

describe('percentiles from a log histogram', () => {
  it('stay within 1% of the exact percentile_cont value', () => {
    let seed = 7
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
    const samples = [
      Array.from({ length: 20 }, (_, i) => (i + 1) * 100),
      Array.from({ length: 5000 }, () => 20 + random() * random() * 60_000),
      [5000, 5000, 30_000],
      [42],
    ]
    for (const values of samples) {
      const sorted = [...values].sort((a, b) => a - b)
      for (const q of [0.5, 0.95, 0.99]) {
        const exact = quantileSorted(sorted, q) as number
        const approx = histogramQuantile(histogram(values), q) as number
        expect(Math.abs(approx / exact - 1), `q=${q} of ${values.length} values`).toBeLessThan(0.01)
      }
    }
  })

  it('has no percentile for an empty histogram, and zero stays zero', () => {
    expect(histogramQuantile([], 0.5)).toBeNull()
    expect(histogramQuantile(histogram([0, 0, 0]), 0.99)).toBe(0)
  })
})

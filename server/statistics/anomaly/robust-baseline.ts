// Robust baselines: median and median absolute deviation (MAD), which a few outliers cannot drag,
// unlike a mean and standard deviation.

export interface RobustBaseline {
  count: number
  median: number
  mad: number
  /** MAD scaled to a normal distribution's standard deviation (× 1.4826), floored so z stays finite. */
  scale: number
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/**
 * `minRelativeScale` keeps the scale from collapsing to 0 when most values are identical
 * (a step that always takes 2 ms): deviations are then measured against a fraction of the median.
 */
export function robustBaseline(values: readonly number[], minRelativeScale = 0.05): RobustBaseline | null {
  if (values.length === 0) return null
  const m = median(values)
  const mad = median(values.map((v) => Math.abs(v - m)))
  const scale = Math.max(1.4826 * mad, Math.abs(m) * minRelativeScale, Number.EPSILON)
  return { count: values.length, median: m, mad, scale }
}

/** How many robust standard deviations `value` lies above (positive) or below the median. */
export function robustZ(value: number, baseline: RobustBaseline): number {
  return (value - baseline.median) / baseline.scale
}

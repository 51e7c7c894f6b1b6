// Synthetic data for the detectors' tests: seeded randomness, log-normal durations with known
// injected anomalies, and precision/recall against the injected truth.

/** mulberry32: a small seeded PRNG, so every run of the tests sees the same series. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A standard normal draw (Box–Muller). */
export function normal(random: () => number): number {
  const u = Math.max(random(), Number.EPSILON)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}

export function logNormal(random: () => number, medianValue: number, sigma: number): number {
  return medianValue * Math.exp(sigma * normal(random))
}

export function binomial(random: () => number, n: number, p: number): number {
  let k = 0
  for (let i = 0; i < n; i++) if (random() < p) k++
  return k
}

export function precisionRecall(flagged: ReadonlySet<string>, truth: ReadonlySet<string>) {
  const truePositives = [...flagged].filter((id) => truth.has(id)).length
  return {
    precision: flagged.size === 0 ? 1 : truePositives / flagged.size,
    recall: truth.size === 0 ? 1 : truePositives / truth.size,
    truePositives,
    flagged: flagged.size,
    injected: truth.size,
  }
}

// Failure-rate anomalies: a subject whose recent failures are far more than its baseline rate
// explains (a one-sided binomial z-test), and high enough to matter.
import { formatPercent, trimNumber } from '../monitoring/percentiles'
import type { Anomaly, AnomalySubjectKind } from './anomaly-types'

export interface FailureCounts {
  kind: AnomalySubjectKind
  key: string
  label: string
  total: number
  failed: number
}

export interface FailureThresholds {
  minSamples: number
  minZ: number
  /** The recent rate must reach at least this and `minRateMultiple` × the baseline. */
  minRate: number
  minRateMultiple: number
  /** Baseline rates below this are raised to it, so a spotless history does not flag one failure. */
  baselineFloor: number
}

export const DEFAULT_FAILURE_THRESHOLDS: FailureThresholds = {
  minSamples: 5,
  minZ: 3,
  minRate: 0.1,
  minRateMultiple: 2,
  baselineFloor: 0.01,
}

/**
 * Each subject against its peers (the others of the same kind, pooled, leave-one-out):
 * "device edge-7 failed 6 of 10 steps (60%), against 2% for its peers".
 */
export function detectFailureRateAnomalies(
  subjects: readonly FailureCounts[],
  options: Partial<FailureThresholds> & { period?: string } = {},
): Anomaly[] {
  const t = { ...DEFAULT_FAILURE_THRESHOLDS, ...options }
  const totals = new Map<AnomalySubjectKind, { total: number; failed: number }>()
  for (const s of subjects) {
    const sum = totals.get(s.kind) ?? { total: 0, failed: 0 }
    totals.set(s.kind, { total: sum.total + s.total, failed: sum.failed + s.failed })
  }
  const found: Anomaly[] = []
  for (const s of subjects) {
    if (s.total < t.minSamples) continue
    const all = totals.get(s.kind) as { total: number; failed: number }
    const peerTotal = all.total - s.total
    if (peerTotal < t.minSamples) continue
    const peerRate = (all.failed - s.failed) / peerTotal
    const anomaly = judge(s, peerRate, t, 'its peers', options.period)
    if (anomaly) found.push(anomaly)
  }
  return found.sort((a, b) => b.score - a.score)
}

/** A subject's recent counts against its own earlier rate. */
export function detectFailureRateIncrease(
  recent: FailureCounts,
  history: { total: number; failed: number },
  options: Partial<FailureThresholds> & { period?: string } = {},
): Anomaly | undefined {
  const t = { ...DEFAULT_FAILURE_THRESHOLDS, ...options }
  if (recent.total < t.minSamples || history.total < t.minSamples) return undefined
  return judge(recent, history.failed / history.total, t, 'before', options.period)
}

function judge(
  s: FailureCounts,
  baselineRate: number,
  t: FailureThresholds,
  against: string,
  period: string | undefined,
): Anomaly | undefined {
  const p0 = Math.min(0.99, Math.max(baselineRate, t.baselineFloor))
  const rate = s.failed / s.total
  const z = (s.failed - s.total * p0) / Math.sqrt(s.total * p0 * (1 - p0))
  if (z < t.minZ || rate < t.minRate || rate < t.minRateMultiple * p0) return undefined
  const what = s.kind === 'device' ? `device ${s.label}` : `step ${s.label}`
  return {
    kind: 'high_failure_rate',
    subject: { kind: s.kind, key: s.key, label: s.label },
    observed: rate,
    baseline: baselineRate,
    // Against the floored baseline, so a spotless history gives a finite ratio.
    ratio: rate / p0,
    score: z,
    explanation: `${what} failed ${s.failed} of ${s.total} ${s.kind === 'device' ? 'commands' : 'runs'} (${formatPercent(rate)})${period ? ` ${period}` : ''}, against ${formatPercent(baselineRate)} for ${against} (z = ${trimNumber(z)})`,
  }
}

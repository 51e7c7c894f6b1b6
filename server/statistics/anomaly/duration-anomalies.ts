// Slow executions and slow devices. An execution is flagged when it is far above its series'
// median both relatively (ratio) and statistically (robust z over the MAD), and by enough time to
// matter; a device when its median for an action is far above its peers' medians for that action.
import { formatDurationMs, trimNumber } from '../monitoring/percentiles'
import type { Anomaly, AnomalySubjectKind } from './anomaly-types'
import { median, robustBaseline, robustZ } from './robust-baseline'

export interface DurationSample {
  id: string
  durationMs: number
  at: Date
  /** What ran, for the sentence: "deploy on device edge-7". */
  description: string
}

export interface DurationSeries {
  kind: AnomalySubjectKind
  key: string
  label: string
  samples: readonly DurationSample[]
}

export interface DurationThresholds {
  /** Fewer samples than this give no baseline worth trusting. */
  minSamples: number
  minRatio: number
  minZ: number
  /** Deviations smaller than this are noise whatever the ratio (2 ms vs 1 ms). */
  minExcessMs: number
}

export const DEFAULT_DURATION_THRESHOLDS: DurationThresholds = {
  minSamples: 8,
  minRatio: 2.5,
  minZ: 5,
  minExcessMs: 50,
}

export function detectSlowExecutions(
  series: readonly DurationSeries[],
  options: Partial<DurationThresholds> & { since?: Date } = {},
): Anomaly[] {
  const t = { ...DEFAULT_DURATION_THRESHOLDS, ...options }
  const found: Anomaly[] = []
  for (const s of series) {
    if (s.samples.length < t.minSamples) continue
    const baseline = robustBaseline(s.samples.map((x) => x.durationMs))
    if (!baseline || baseline.median <= 0) continue
    for (const sample of s.samples) {
      if (options.since && sample.at < options.since) continue
      const ratio = sample.durationMs / baseline.median
      const z = robustZ(sample.durationMs, baseline)
      if (ratio < t.minRatio || z < t.minZ || sample.durationMs - baseline.median < t.minExcessMs) continue
      found.push({
        kind: 'slow_execution',
        subject: { kind: s.kind, key: s.key, label: s.label },
        sampleId: sample.id,
        at: sample.at,
        observed: sample.durationMs,
        baseline: baseline.median,
        ratio,
        score: z,
        explanation: `${sample.description} took ${formatDurationMs(sample.durationMs)}, ${trimNumber(ratio)}× its median of ${formatDurationMs(baseline.median)}`,
      })
    }
  }
  return found.sort((a, b) => b.ratio - a.ratio)
}

export interface DeviceActionDurations {
  deviceId: string
  deviceLabel: string
  action: string
  durationsMs: readonly number[]
}

/** Devices whose median for an action is far above the other devices' medians for it. */
export function detectSlowDevices(
  groups: readonly DeviceActionDurations[],
  options: Partial<DurationThresholds> & { minPeers?: number } = {},
): Anomaly[] {
  const t = { ...DEFAULT_DURATION_THRESHOLDS, minZ: 4, ...options }
  const minPeers = options.minPeers ?? 3
  const byAction = new Map<string, { group: DeviceActionDurations; median: number }[]>()
  for (const g of groups) {
    if (g.durationsMs.length < t.minSamples) continue
    const list = byAction.get(g.action) ?? []
    list.push({ group: g, median: median(g.durationsMs) })
    byAction.set(g.action, list)
  }
  const found: Anomaly[] = []
  for (const [action, devices] of byAction) {
    if (devices.length < minPeers + 1) continue
    for (const d of devices) {
      // Leave-one-out: the device is compared with its peers only.
      const peers = robustBaseline(devices.filter((p) => p !== d).map((p) => p.median))
      if (!peers || peers.median <= 0) continue
      const ratio = d.median / peers.median
      const z = robustZ(d.median, peers)
      if (ratio < t.minRatio || z < t.minZ || d.median - peers.median < t.minExcessMs) continue
      found.push({
        kind: 'slow_device',
        subject: { kind: 'device', key: d.group.deviceId, label: d.group.deviceLabel },
        observed: d.median,
        baseline: peers.median,
        ratio,
        score: z,
        explanation: `device ${d.group.deviceLabel} runs ${action} in ${formatDurationMs(d.median)} (median), ${trimNumber(ratio)}× the fleet's median of ${formatDurationMs(peers.median)}`,
      })
    }
  }
  return found.sort((a, b) => b.ratio - a.ratio)
}

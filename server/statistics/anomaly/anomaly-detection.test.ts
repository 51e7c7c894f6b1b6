import { describe, expect, it } from 'vitest'
import { detectSlowDevices, detectSlowExecutions, type DurationSeries } from './duration-anomalies'
import {
  detectFailureRateAnomalies,
  detectFailureRateIncrease,
  type FailureCounts,
} from './failure-anomalies'
import { median, robustBaseline } from './robust-baseline'
import { binomial, logNormal, precisionRecall, seededRandom } from './synthetic-series'

describe('robust baseline', () => {
  it('median and MAD ignore a few extreme values', () => {
    const b = robustBaseline([10, 11, 9, 10, 12, 10, 1000])
    expect(b?.median).toBe(10)
    expect(b?.mad).toBe(1)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })
  it('identical values keep a finite scale from the median', () => {
    expect(robustBaseline([2, 2, 2, 2])?.scale).toBeCloseTo(0.1)
  })
})

describe('slow executions on synthetic series', () => {
  it('flags injected slow executions with precision and recall of at least 0.9, not normal noise', () => {
    const random = seededRandom(42)
    const truth = new Set<string>()
    const series: DurationSeries[] = []
    for (let s = 0; s < 40; s++) {
      const base = 200 + random() * 20_000
      const samples = Array.from({ length: 80 }, (_, i) => {
        const id = `s${s}-${i}`
        const injected = random() < 0.03
        if (injected) truth.add(id)
        const durationMs = logNormal(random, base, 0.25) * (injected ? 3 + random() * 5 : 1)
        return { id, durationMs, at: new Date(i * 1000), description: `step ${s} run ${i}` }
      })
      series.push({ kind: 'step', key: `wf/s${s}`, label: `s${s}`, samples })
    }
    const flagged = new Set(detectSlowExecutions(series).map((a) => a.sampleId as string))
    const score = precisionRecall(flagged, truth)
    console.info('slow executions', score)
    expect(score.injected).toBeGreaterThan(50)
    expect(score.precision).toBeGreaterThanOrEqual(0.9)
    expect(score.recall).toBeGreaterThanOrEqual(0.9)
  })

  it('explains a flagged execution with its duration, ratio and the median', () => {
    const samples = [7.9, 7.5, 8.2, 8, 7.7, 7.9, 8.1, 7.8, 41].map((s, i) => ({
      id: String(i),
      durationMs: s * 1000,
      at: new Date(i),
      description: 'deploy on device edge-7',
    }))
    const [anomaly] = detectSlowExecutions([{ kind: 'device', key: 'edge-7', label: 'edge-7', samples }])
    expect(anomaly?.explanation).toBe('deploy on device edge-7 took 41 s, 5.2× its median of 7.9 s')
  })

  it('a series shorter than minSamples gives no baseline and flags nothing', () => {
    const samples = [1, 1, 50].map((s, i) => ({
      id: String(i),
      durationMs: s * 1000,
      at: new Date(i),
      description: 'x',
    }))
    expect(detectSlowExecutions([{ kind: 'step', key: 'k', label: 'k', samples }])).toEqual([])
  })

  it('only samples since the given time are flagged', () => {
    const samples = [...Array<number>(10).fill(100), 1000].map((ms: number, i) => ({
      id: String(i),
      durationMs: ms,
      at: new Date(i * 1000),
      description: 'x',
    }))
    samples.unshift({ id: 'old', durationMs: 2000, at: new Date(-5000), description: 'x' })
    const flagged = detectSlowExecutions([{ kind: 'step', key: 'k', label: 'k', samples }], {
      since: new Date(0),
    })
    expect(flagged.map((a) => a.sampleId)).toEqual(['10'])
  })
})

describe('slow devices', () => {
  it('flags a device whose median for an action is far above its peers', () => {
    const random = seededRandom(7)
    const groups = ['a', 'b', 'c', 'd', 'edge-7'].map((id) => ({
      deviceId: id,
      deviceLabel: id,
      action: 'deploy',
      durationsMs: Array.from({ length: 20 }, () => logNormal(random, id === 'edge-7' ? 30_000 : 8000, 0.2)),
    }))
    const found = detectSlowDevices(groups)
    expect(found.map((a) => a.subject.key)).toEqual(['edge-7'])
    expect(found[0]?.explanation).toMatch(
      /^device edge-7 runs deploy in \d+ s \(median\), [\d.]+× the fleet's median of [\d.]+ s$/,
    )
  })
})

describe('failure-rate anomalies on synthetic fleets', () => {
  it('flags injected failing devices with precision and recall of at least 0.9', () => {
    const random = seededRandom(99)
    const truth = new Set<string>()
    const flagged = new Set<string>()
    for (let trial = 0; trial < 25; trial++) {
      const devices: FailureCounts[] = Array.from({ length: 30 }, (_, d) => {
        const key = `t${trial}-d${d}`
        const bad = d < 2
        if (bad) truth.add(key)
        const total = 30 + Math.floor(random() * 60)
        return { kind: 'device', key, label: key, total, failed: binomial(random, total, bad ? 0.35 : 0.02) }
      })
      for (const a of detectFailureRateAnomalies(devices)) flagged.add(a.subject.key)
    }
    const score = precisionRecall(flagged, truth)
    console.info('failing devices', score)
    expect(score.precision).toBeGreaterThanOrEqual(0.9)
    expect(score.recall).toBeGreaterThanOrEqual(0.9)
  })

  it('explains the rate against the peers', () => {
    const subjects: FailureCounts[] = [
      { kind: 'device', key: 'edge-7', label: 'edge-7', total: 10, failed: 6 },
      { kind: 'device', key: 'a', label: 'a', total: 100, failed: 2 },
      { kind: 'device', key: 'b', label: 'b', total: 100, failed: 2 },
    ]
    const [anomaly] = detectFailureRateAnomalies(subjects, { period: 'in the last hour' })
    expect(anomaly?.explanation).toMatch(
      /^device edge-7 failed 6 of 10 commands \(60%\) in the last hour, against 2% for its peers/,
    )
  })

  it('a step failing more than it used to is flagged; the same rate is not', () => {
    const recent: FailureCounts = { kind: 'step', key: 'wf/deploy', label: 'deploy', total: 40, failed: 8 }
    expect(detectFailureRateIncrease(recent, { total: 400, failed: 4 })?.kind).toBe('high_failure_rate')
    expect(detectFailureRateIncrease(recent, { total: 400, failed: 80 })).toBeUndefined()
  })
})

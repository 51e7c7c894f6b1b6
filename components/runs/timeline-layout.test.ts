import { describe, expect, it } from 'vitest'
import type { LiveRunEvent } from '@/contracts/live-contract'
import { layoutTimeline, timelineSegments } from './timeline-layout'

const t0 = Date.parse('2026-01-01T00:00:00.000Z')
let seq = 0
const ev = (ms: number, type: string, stepId: string | null, payload: Record<string, unknown> = {}): LiveRunEvent => ({
  seq: ++seq,
  type,
  stepId,
  payload,
  at: new Date(t0 + ms).toISOString(),
})

describe('timelineSegments', () => {
  it('a retried step has one bar per attempt, the first closed as a retry', () => {
    const segments = timelineSegments([
      ev(0, 'run.started', null),
      ev(0, 'step.running', 'build', { attempt: 1 }),
      ev(100, 'step.retry_scheduled', 'build', { attempt: 1 }),
      ev(300, 'step.running', 'build', { attempt: 2 }),
      ev(500, 'step.succeeded', 'build', { attempt: 2 }),
    ])
    expect(segments.map((s) => [s.attempt, s.kind, s.outcome, s.start - t0, (s.end ?? 0) - t0])).toEqual([
      [1, 'running', 'retry', 0, 100],
      [2, 'running', 'succeeded', 300, 500],
    ])
  })

  it('a wait step runs, then waits until it is resumed', () => {
    const segments = timelineSegments([
      ev(0, 'step.running', 'gate', { attempt: 1 }),
      ev(10, 'step.waiting', 'gate', { attempt: 1 }),
      ev(1000, 'step.succeeded', 'gate', {}),
    ])
    expect(segments.map((s) => [s.kind, s.outcome, s.attempt])).toEqual([
      ['running', 'waiting', 1],
      ['waiting', 'succeeded', 1],
    ])
  })

  it('a step still going has an open bar', () => {
    const [segment] = timelineSegments([ev(0, 'step.running', 'a', { attempt: 1 })])
    expect(segment).toMatchObject({ outcome: 'open', end: null })
  })
})

describe('layoutTimeline', () => {
  it('places bars as percentages of the run span, open bars ending now', () => {
    const segments = timelineSegments([
      ev(0, 'step.running', 'a', { attempt: 1 }),
      ev(500, 'step.succeeded', 'a'),
      ev(500, 'step.running', 'b', { attempt: 1 }),
    ])
    const layout = layoutTimeline(segments, { stepOrder: ['a', 'b', 'c'], start: t0, now: t0 + 1000 })
    expect(layout.rows.map((r) => [r.stepId, r.bars.map((b) => [b.left, b.width])])).toEqual([
      ['a', [[0, 50]]],
      ['b', [[50, 50]]],
      ['c', []],
    ])
    expect(layout.ticks.map((t) => t.offsetMs)).toEqual([0, 250, 500, 750, 1000])
  })

  it('an instant step still gets a visible bar', () => {
    const segments = timelineSegments([ev(0, 'step.running', 'a', { attempt: 1 }), ev(0, 'step.succeeded', 'a')])
    const layout = layoutTimeline(segments, { stepOrder: ['a'], start: t0, now: t0 + 10_000, minWidth: 0.5 })
    expect(layout.rows[0]?.bars[0]?.width).toBe(0.5)
  })
})

import { describe, expect, it } from 'vitest'
import type { LiveRunEvent } from '@/contracts/live-contract'
import { deviceLogLines, mergeLogLines, stepEventLines } from './step-log-lines'

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms)
const ev = (seq: number, ms: number, type: string, stepId: string | null, payload = {}): LiveRunEvent => ({
  seq,
  type,
  stepId,
  payload,
  at: at(ms).toISOString(),
})

describe('step log lines', () => {
  it("lists only the step's own events, with attempt and error", () => {
    const lines = stepEventLines(
      [
        ev(1, 0, 'run.started', null),
        ev(2, 1, 'step.running', 'a', { attempt: 1 }),
        ev(3, 2, 'step.running', 'b', { attempt: 1 }),
        ev(4, 3, 'step.failed', 'a', { attempt: 1, error: { code: 'disk_full', message: 'No space' } }),
      ],
      'a',
    )
    expect(lines.map((l) => l.text)).toEqual(['step.running · attempt 1', 'step.failed · attempt 1 · disk_full: No space'])
  })

  it('merges events and device lines by time, events first on a tie', () => {
    const events = stepEventLines([ev(1, 0, 'step.running', 'a'), ev(2, 20, 'step.succeeded', 'a')], 'a')
    const device = deviceLogLines([
      { id: 7, stream: 'stdout', line: 'hello', at: at(0) },
      { id: 8, stream: 'stderr', line: 'oops', at: at(10) },
    ])
    expect(mergeLogLines(events, device).map((l) => [l.source, l.text])).toEqual([
      ['event', 'step.running'],
      ['stdout', 'hello'],
      ['stderr', 'oops'],
      ['event', 'step.succeeded'],
    ])
  })

  it('merges 100,000 lines in one linear pass', () => {
    const device = deviceLogLines(Array.from({ length: 100_000 }, (_, i) => ({ id: i, stream: 'stdout', line: `line ${i}`, at: at(i) })))
    const events = stepEventLines([ev(1, 50_000, 'step.retry_scheduled', 'a')], 'a')
    const merged = mergeLogLines(events, device)
    expect(merged).toHaveLength(100_001)
    expect(merged[50_000]?.source).toBe('event')
  })
})

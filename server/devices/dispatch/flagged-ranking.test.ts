// Pure ranking rules for devices flagged by anomaly detection (device-routing.ts).
import { describe, expect, it } from 'vitest'
import { pickDevice, rankDevices, type RoutableDevice } from './device-routing'

const device = (id: string, extra: Partial<RoutableDevice> = {}): RoutableDevice => ({
  id,
  tags: [],
  capabilities: ['echo'],
  maxConcurrency: 4,
  active: 0,
  lastAssignedMs: null,
  ...extra,
})
const flaggedIs =
  (...ids: string[]) =>
  (id: string) =>
    ids.includes(id)

describe('least-loaded with flagged devices', () => {
  it('a flagged idle device ranks behind a busier unflagged one that still has a slot', () => {
    const ranked = rankDevices(
      [device('flagged'), device('busy', { active: 3 })],
      'least-loaded',
      () => 0,
      flaggedIs('flagged'),
    )
    expect(ranked.map((d) => d.id)).toEqual(['busy', 'flagged'])
  })

  it('a flagged device is picked when every unflagged one is full (de-prioritised, not excluded)', () => {
    const candidates = [device('full', { active: 4 }), device('flagged', { active: 3 })]
    expect(pickDevice(candidates, 'least-loaded', () => 0, flaggedIs('flagged'))?.id).toBe('flagged')
  })

  it('flagged devices keep least-loaded order among themselves, and full ones stay last', () => {
    const ranked = rankDevices(
      [
        device('f1', { active: 2 }),
        device('f2', { active: 1 }),
        device('ok-full', { active: 4 }),
        device('ok', { active: 3 }),
        device('f-full', { active: 4 }),
      ],
      'least-loaded',
      () => 0,
      flaggedIs('f1', 'f2', 'f-full'),
    )
    expect(ranked.map((d) => d.id)).toEqual(['ok', 'f2', 'f1', 'ok-full', 'f-full'])
  })

  it('round-robin and random ignore flags (an explicit strategy is followed as asked)', () => {
    const candidates = [device('a', { lastAssignedMs: 1 }), device('b', { lastAssignedMs: 2 })]
    expect(pickDevice(candidates, 'round-robin', () => 0, flaggedIs('a'))?.id).toBe('a')
    expect(pickDevice(candidates, 'random', () => 0, flaggedIs('b'))?.id).toBe('b')
  })

  it('without flags least-loaded is unchanged', () => {
    const ranked = rankDevices(
      [device('a', { active: 2 }), device('b', { active: 1 })],
      'least-loaded',
      () => 0,
    )
    expect(ranked.map((d) => d.id)).toEqual(['b', 'a'])
  })
})

import { describe, expect, it } from 'vitest'
import type { TDeviceTarget } from '@/server/engine/device-target'
import { matchesTarget, pickDevice, rankDevices, type RoutableDevice } from './device-routing'

const device = (id: string, extra: Partial<RoutableDevice> = {}): RoutableDevice => ({
  id,
  tags: ['edge'],
  capabilities: ['echo'],
  maxConcurrency: 2,
  active: 0,
  lastAssignedMs: null,
  ...extra,
})

describe('device routing', () => {
  it.each<[string, RoutableDevice, TDeviceTarget | undefined, boolean]>([
    ['the action is always required', device('a', { capabilities: ['sleep'] }), undefined, false],
    ['no target matches any capable device', device('a'), undefined, true],
    ['a device id matches only that device', device('a'), { deviceId: 'b' }, false],
    ['every selector tag is required', device('a'), { selector: { tags: ['edge', 'eu'] } }, false],
    ['selector capabilities are required too', device('a'), { selector: { capabilities: ['sleep'] } }, false],
    [
      'a satisfied selector matches',
      device('a', { tags: ['edge', 'eu'] }),
      { selector: { tags: ['eu'] } },
      true,
    ],
  ])('%s', (_name, d, target, expected) => {
    expect(matchesTarget(d, target, 'echo')).toBe(expected)
  })

  it('least-loaded picks the lowest active/maxConcurrency ratio', () => {
    const picked = pickDevice(
      [device('a', { active: 1, maxConcurrency: 2 }), device('b', { active: 1, maxConcurrency: 4 })],
      'least-loaded',
      () => 0,
    )
    expect(picked?.id).toBe('b')
  })

  it('least-loaded breaks ties by the device picked longest ago', () => {
    const picked = pickDevice(
      [device('a', { lastAssignedMs: 20 }), device('b', { lastAssignedMs: 10 })],
      'least-loaded',
      () => 0,
    )
    expect(picked?.id).toBe('b')
  })

  it('round-robin goes to the device picked longest ago, never-picked first', () => {
    const picked = pickDevice(
      [device('a', { lastAssignedMs: 5 }), device('b'), device('c', { lastAssignedMs: 1 })],
      'round-robin',
      () => 0,
    )
    expect(picked?.id).toBe('b')
  })

  it('full devices are skipped, and when all are full nothing is picked (the command queues)', () => {
    const full = device('a', { active: 2 })
    expect(pickDevice([full, device('b', { active: 1 })], 'round-robin', () => 0)?.id).toBe('b')
    expect(pickDevice([full], 'least-loaded', () => 0)).toBeUndefined()
  })

  it('random picks among devices with a free slot, never a full one', () => {
    const candidates = [device('a'), device('b', { active: 2 }), device('c')]
    const picked = new Set([0, 0.3, 0.6, 0.99].map((r) => pickDevice(candidates, 'random', () => r)?.id))
    expect(picked).toEqual(new Set(['a', 'c']))
  })

  it('rankDevices puts full devices last, as fallbacks', () => {
    const ranked = rankDevices(
      [device('a', { active: 2 }), device('b', { active: 1 })],
      'least-loaded',
      () => 0,
    )
    expect(ranked.map((d) => d.id)).toEqual(['b', 'a'])
  })
})

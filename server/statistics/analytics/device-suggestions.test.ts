import { describe, expect, it } from 'vitest'
import { suggestForDevices, type DeviceFailureStats } from './device-suggestions'

const device = (deviceId: string, commands: number, failed: number, topErrorCode: string | null = null): DeviceFailureStats => ({
  deviceId,
  deviceName: deviceId,
  commands,
  failed,
  topErrorCode,
})

describe('device suggestions', () => {
  it('flags a device failing at least 10% and twice the rest of the fleet', () => {
    const found = suggestForDevices([device('a', 100, 2), device('b', 100, 3), device('bad', 40, 10, 'device_lost')])
    expect(found).toEqual([
      {
        kind: 'failing_device',
        deviceId: 'bad',
        message: 'device bad fails 25% of its commands, mostly device_lost (the rest of the fleet: 2.5%) — drain it and check it, or route its work elsewhere',
      },
    ])
  })

  it('does not flag a device with too few commands to tell', () => {
    expect(suggestForDevices([device('a', 100, 1), device('new', 19, 19)])).toEqual([])
  })

  it('does not flag a device when the whole fleet fails as often (the cause is elsewhere)', () => {
    expect(suggestForDevices([device('a', 100, 15), device('b', 100, 20)])).toEqual([])
  })

  it('a lone device is flagged on its own rate', () => {
    expect(suggestForDevices([device('only', 50, 10)]).map((s) => s.deviceId)).toEqual(['only'])
  })
})

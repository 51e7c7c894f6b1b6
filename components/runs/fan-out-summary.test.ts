import { describe, expect, it } from 'vitest'
import { fanOutFromCommands, fanOutFromOutput, fanOutLabel } from './fan-out-summary'

const command = (branch: string, status: string, attempt = 1, error: unknown = null) => ({
  branch,
  attempt,
  deviceId: `dev-${branch}`,
  status,
  error,
})

describe('fan-out summary', () => {
  it('counts a finished step from its output, with errors per branch', () => {
    const summary = fanOutFromOutput({
      total: 3,
      results: [
        { key: 'a', ok: true, deviceId: 'd1' },
        { key: 'b', ok: false, error: { code: 'x', message: 'boom' } },
        { key: 'c', ok: true },
      ],
    })
    expect(summary).toMatchObject({ total: 3, ok: 2, failed: 1, running: 0, queued: 0 })
    expect(summary?.branches[1]).toEqual({ key: 'b', state: 'failed', error: 'boom' })
    expect(fanOutLabel(summary!)).toBe('2/3 ok, 1 failed')
  })

  it('reads "12/15 ok, 1 failed, 2 running" from the commands of a running step', () => {
    const commands = [
      ...Array.from({ length: 12 }, (_, i) => command(`ok${i}`, 'succeeded')),
      command('bad', 'failed', 1, { message: 'exit 1' }),
      command('r1', 'running'),
      command('r2', 'acked'),
    ]
    expect(fanOutLabel(fanOutFromCommands(commands))).toBe('12/15 ok, 1 failed, 2 running')
  })

  it('keeps only the latest attempt of each branch', () => {
    const summary = fanOutFromCommands([command('a', 'failed', 1), command('a', 'running', 2), command('b', 'succeeded', 2)])
    expect(fanOutLabel(summary)).toBe('1/2 ok, 1 running')
  })

  it('counts branches not dispatched yet as queued', () => {
    const summary = fanOutFromOutput({ total: 5, results: [{ key: '0', ok: true }] })
    expect(fanOutLabel(summary!)).toBe('1/5 ok, 4 queued')
  })

  it('an output without results is not a fan-out', () => {
    expect(fanOutFromOutput({ deviceId: 'x' })).toBeNull()
    expect(fanOutFromOutput(null)).toBeNull()
  })
})

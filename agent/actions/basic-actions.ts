// Built-in actions every agent has: echo, sleep and system.info.
import os from 'node:os'
import { z } from 'zod'
import { abortableDelay, ActionError, defineAction } from '../action-types'
import { AGENT_VERSION } from '../agent-version'

export const echoAction = defineAction(
  'echo',
  z.record(z.string(), z.unknown()),
  (params) => params,
  'Returns its params as the output',
)

export const sleepAction = defineAction(
  'sleep',
  z.strictObject({ ms: z.number().int().min(0).max(86_400_000).default(1000) }),
  async ({ ms }, context) => {
    if (!(await abortableDelay(ms, context.signal)))
      throw new ActionError('cancelled', 'The sleep was interrupted.')
    return { sleptMs: ms }
  },
  'Waits `ms` milliseconds (stops on cancel)',
)

export const systemInfoAction = defineAction(
  'system.info',
  z.strictObject({}),
  () => ({
    hostname: os.hostname(),
    platform: os.platform(),
    arch: os.arch(),
    release: os.release(),
    cpus: os.cpus().length,
    loadavg: os.loadavg(),
    totalMemoryBytes: os.totalmem(),
    freeMemoryBytes: os.freemem(),
    uptimeSeconds: Math.round(os.uptime()),
    nodeVersion: process.version,
    agentVersion: AGENT_VERSION,
  }),
  'Host name, OS, CPU count, memory, load and uptime',
)

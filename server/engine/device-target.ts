// Which device(s) a command or parallel step runs on: one device by id, or a selector plus a strategy.
import { z } from 'zod'

export const TARGET_STRATEGIES = ['least-loaded', 'round-robin', 'random', 'all'] as const
export type TTargetStrategy = (typeof TARGET_STRATEGIES)[number]
export const DEFAULT_TARGET_STRATEGY: TTargetStrategy = 'least-loaded'

export const ZDeviceSelector = z
  .strictObject({
    tags: z.array(z.string().min(1)).optional().describe('The device must have every tag'),
    capabilities: z
      .array(z.string().min(1))
      .optional()
      .describe("The device must support every capability; the step's action is always implied"),
  })
  .describe('Matches devices by tags and capabilities')

export const ZDeviceTarget = z
  .union([
    z.strictObject({ deviceId: z.string().min(1).describe('Run on exactly this device') }),
    z.strictObject({
      selector: ZDeviceSelector,
      strategy: z
        .enum(TARGET_STRATEGIES)
        .optional()
        .describe('How to pick among matching devices (default least-loaded)'),
    }),
  ])
  .meta({ id: 'DeviceTarget', description: 'A device id, or a selector with a strategy' })
export type TDeviceTarget = z.infer<typeof ZDeviceTarget>

export function targetStrategy(target: TDeviceTarget | undefined): TTargetStrategy {
  if (target && 'selector' in target) return target.strategy ?? DEFAULT_TARGET_STRATEGY
  return DEFAULT_TARGET_STRATEGY
}

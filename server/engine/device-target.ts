// Which device(s) a command or parallel step runs on: one device by id, or a selector plus a strategy,
// and the one rule for whether a device satisfies a target.
import { z } from 'zod'
import { ZDuration } from './duration'

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

/** How long a dispatching step waits for a capable online device before it fails with no_capable_device. */
export const ZPlacementTimeout = ZDuration.describe(
  "How long the step waits for a capable online device before it fails with no_capable_device (default 30s); waiting for a busy device's free slot does not count",
)

export function targetStrategy(target: TDeviceTarget | undefined): TTargetStrategy {
  if (target && 'selector' in target) return target.strategy ?? DEFAULT_TARGET_STRATEGY
  return DEFAULT_TARGET_STRATEGY
}

export interface MatchableDevice {
  id: string
  tags: readonly string[]
  capabilities: readonly string[]
}

/** The device supports the action and satisfies the target (the action is always an implied capability). */
export function matchesTarget(
  device: MatchableDevice,
  target: TDeviceTarget | undefined,
  action: string,
): boolean {
  if (!device.capabilities.includes(action)) return false
  if (target && 'deviceId' in target) return device.id === target.deviceId
  const selector = target?.selector
  return (
    (selector?.tags ?? []).every((tag) => device.tags.includes(tag)) &&
    (selector?.capabilities ?? []).every((capability) => device.capabilities.includes(capability))
  )
}

// How long a dispatch may wait for a capable online device (its placement deadline), and what it
// tells the run while it waits: once when no capable device is online, and once when the capable
// devices stay busy past a short grace (a normal queue under load records nothing).
import type { TDeviceTarget } from '@/server/engine/device-target'
import { formatDuration } from '@/server/engine/duration'
import {
  countMatches,
  DEFAULT_PLACEMENT_TIMEOUT_MS,
  describeNeed,
  describeShortfall,
  type FleetDevice,
} from '@/server/engine/placement'
import type { StepError } from '@/server/engine/run/run-status'
import type { DeviceWait } from '@/server/runner/ports'

/** A queue for a slot shorter than this leaves no event. */
export const SLOTS_NOTICE_AFTER_MS = 1000

export interface PlacementRequest {
  action: string
  target: TDeviceTarget | undefined
  timeoutMs: number | undefined
  placementTimeoutMs?: number | undefined
  onWaiting?: ((wait: DeviceWait) => void) | undefined
}

/** The placement timeout, ending a little before the step timeout so the step fails with no_capable_device, not timeout. */
export function placementWindowMs(request: PlacementRequest): number {
  const placement = request.placementTimeoutMs ?? DEFAULT_PLACEMENT_TIMEOUT_MS
  const timeout = request.timeoutMs
  if (timeout === undefined) return placement
  return Math.min(placement, Math.max(0, timeout - Math.min(1000, timeout * 0.1)))
}

export class PlacementWait {
  private noDeviceSince: number | undefined
  private readonly told = new Set<DeviceWait['reason']>()
  private slotsTimer: NodeJS.Timeout | undefined
  readonly windowMs: number

  constructor(
    private readonly request: PlacementRequest,
    private readonly fleet: () => FleetDevice[],
  ) {
    this.windowMs = placementWindowMs(request)
  }

  /** No capable device is online now: the deadline (epoch ms) it may wait until, or 'expired'. */
  noDevice(now: number): number | 'expired' {
    this.noDeviceSince ??= now
    const deadline = this.noDeviceSince + this.windowMs
    if (now >= deadline) return 'expired'
    this.tell({
      reason: 'no_capable_device',
      message: `waiting for a device: ${this.shortfall()}; the step fails with no_capable_device at ${new Date(deadline).toISOString()} unless one comes online (placementTimeout ${formatDuration(this.windowMs)})`,
      deadline: new Date(deadline),
    })
    return deadline
  }

  /** Capable devices are online but busy: the deadline stops, and a long queue is told once. */
  slotsFull(): void {
    this.noDeviceSince = undefined
    if (this.slotsTimer || this.told.has('slots_full')) return
    this.slotsTimer = setTimeout(() => {
      const online = countMatches(this.fleet(), this.request.target, this.request.action).online
      this.tell({
        reason: 'slots_full',
        message: `waiting for a device: ${online === 1 ? 'the one online device' : `all ${online} online devices`} offering ${describeNeed(this.request.action, this.request.target)} ${online === 1 ? 'is' : 'are'} at max concurrency; the step starts when a slot frees`,
      })
    }, SLOTS_NOTICE_AFTER_MS)
  }

  stop(): void {
    clearTimeout(this.slotsTimer)
  }

  error(): StepError {
    return {
      code: 'no_capable_device',
      message: `No capable device came online within the placement timeout of ${formatDuration(this.windowMs)}: ${this.shortfall()}. Check the Devices page: a device may be offline, draining, revoked or missing the action or tags.`,
      retryable: true,
    }
  }

  private shortfall(): string {
    const match = countMatches(this.fleet(), this.request.target, this.request.action)
    return describeShortfall(this.request.action, this.request.target, match)
  }

  private tell(wait: DeviceWait): void {
    if (this.told.has(wait.reason)) return
    this.told.add(wait.reason)
    this.request.onWaiting?.(wait)
  }
}

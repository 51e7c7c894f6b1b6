// How the runner reaches devices. The gateway driver (gateway-device-driver.ts) implements it over
// device_commands rows and the `/devices` gateway; the in-process demo fleet implements it for tests.
import type { TDeviceTarget } from '@/server/engine/device-target'
import type { StepError } from '@/server/engine/run/run-status'

export interface DeviceInfo {
  id: string
  name: string
  tags: string[]
  capabilities: string[]
  maxConcurrency: number
  /** Commands running on it now. */
  load: number
}

/** Why a dispatch is not running yet, told once per reason so the run can say it. */
export interface DeviceWait {
  /** no_capable_device: no capable device is online; slots_full: the capable ones are all busy. */
  reason: 'no_capable_device' | 'slots_full'
  /** "waiting for a device: …" */
  message: string
  /** no_capable_device: when the dispatch fails unless a capable device comes online first. */
  deadline?: Date
}

export interface DispatchRequest {
  /** Unique per step attempt (and per branch of a parallel step): a device applies a command id once. */
  commandId: string
  action: string
  params: Record<string, unknown>
  target: TDeviceTarget | undefined
  timeoutMs: number | undefined
  /** Aborted when the step times out, the run is cancelled or the runner loses its lease. */
  signal: AbortSignal
  /**
   * How long the dispatch waits while no capable device is online before it fails with
   * no_capable_device (default 30 s; never past the step timeout). Busy devices do not count.
   */
  placementTimeoutMs?: number
  /** Told when the dispatch starts waiting for a device, and why. */
  onWaiting?: (wait: DeviceWait) => void
}

/** What a fan-out over devices asks for: the devices matching a target, once at least one is online. */
export interface DeviceSearch {
  target: TDeviceTarget | undefined
  action: string
  timeoutMs: number | undefined
  placementTimeoutMs?: number
  signal: AbortSignal
  onWaiting?: (wait: DeviceWait) => void
}

export type DispatchResult =
  { ok: true; output: unknown; deviceId: string } | { ok: false; error: StepError; deviceId?: string }

export interface DeviceDriver {
  dispatch(request: DispatchRequest): Promise<DispatchResult>
  /** Devices matching a target that support `action` (parallel steps over devices fan out over these). */
  matchDevices(target: TDeviceTarget | undefined, action: string): DeviceInfo[]
  /**
   * The matching devices, waiting up to the placement timeout for at least one to be online;
   * [] when none came in time. A driver without it is asked matchDevices once.
   */
  awaitDevices?(search: DeviceSearch): Promise<DeviceInfo[]>
}

/** The error for a dispatch stopped by its signal; the runner aborts with a StepError as the reason. */
export function abortedError(signal: AbortSignal): StepError {
  const reason: unknown = signal.reason
  if (
    reason &&
    typeof reason === 'object' &&
    'code' in reason &&
    'message' in reason &&
    'retryable' in reason
  )
    return reason as StepError
  return { code: 'aborted', message: 'The command was stopped before it finished.', retryable: true }
}

// The interfaces the runner needs from rooms it does not own, defined here so dependencies point
// into the runner: server/devices implements DeviceDriver, server/secrets implements StepSecrets,
// and the composition roots (server/boot/relayflow-server.ts, the test kits, benches) pass them to
// startRunner. Other rooms import only this file's types from the runner, never its systems.
// Run events need no port: they are rows plus NOTIFY on the platform bus, read by server/realtime.
import type { ExpressionContext } from '@/server/engine/expressions'
import type { TDeviceTarget } from '@/server/engine/device-target'
import type { CompiledRun } from '@/server/engine/run/compiled-run'
import type { StepError } from '@/server/engine/run/run-status'
import type { Queryable } from '@/server/platform/sql-helpers'
import type { StepResult } from './executors/attempt-result'
import type { ClaimedStep } from './step-queue'

export type { ClaimedStep, StepResult }

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

/**
 * How the runner reaches devices. The gateway driver (server/devices/dispatch/gateway-device-driver.ts)
 * implements it over device_commands rows; the in-process demo fleet implements it for tests.
 * A dispatch stopped by its signal fails with the signal's reason, a StepError.
 */
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

/** The secrets side of dispatching a step (server/secrets/step-secrets.ts implements it). */
export interface StepSecrets {
  /**
   * Adds `secrets` to the contexts of claimed steps that reference any and records what each
   * attempt received, inside the claiming transaction.
   */
  attach(
    db: Queryable,
    contexts: Map<ClaimedStep, ExpressionContext>,
    runs: ReadonlyMap<string, CompiledRun>,
  ): Promise<void>
  /** The result with every secret value the step could read replaced, before it is stored. */
  redact(result: StepResult, context: ExpressionContext | undefined): StepResult
}

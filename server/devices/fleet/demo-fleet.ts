// The built-in demo fleet: a few simulated devices living in this process, with tags, latencies,
// capabilities and per-device concurrency, so a new user can run a workflow in the first minute.
import { DEFAULT_TARGET_STRATEGY, type TDeviceTarget } from '@/server/engine/device-target'
import { runDemoAction } from './demo-fleet-actions'
import { abortedError } from '../device-driver'
import type { DeviceDriver, DeviceInfo, DispatchRequest, DispatchResult } from '@/server/runner/ports'

export interface DemoDeviceSpec {
  id: string
  name: string
  tags: string[]
  capabilities?: string[]
  latencyMs: number
  maxConcurrency: number
}

export const DEMO_CAPABILITIES = ['system.info', 'echo', 'sleep', 'http.request', 'fail']

export const DEFAULT_DEMO_DEVICES: DemoDeviceSpec[] = [
  {
    id: 'demo-edge-eu',
    name: 'Edge gateway (Frankfurt)',
    tags: ['edge', 'eu'],
    latencyMs: 25,
    maxConcurrency: 4,
  },
  { id: 'demo-edge-us', name: 'Edge gateway (Ohio)', tags: ['edge', 'us'], latencyMs: 40, maxConcurrency: 4 },
  {
    id: 'demo-server-eu',
    name: 'Build server (Dublin)',
    tags: ['server', 'eu'],
    latencyMs: 10,
    maxConcurrency: 8,
  },
  {
    id: 'demo-server-us',
    name: 'Build server (Virginia)',
    tags: ['server', 'us'],
    latencyMs: 15,
    maxConcurrency: 8,
  },
]

export interface DemoFleetOptions {
  devices?: DemoDeviceSpec[]
  /** Multiplies every device latency; 0 makes commands complete without delay (benchmarks, tests). */
  latencyScale?: number
  random?: () => number
}

interface DemoDevice {
  info: DeviceInfo
  latencyMs: number
  waiters: (() => void)[]
}

export type DemoFleet = DeviceDriver & { list(): DeviceInfo[] }

export function createDemoFleet(options: DemoFleetOptions = {}): DemoFleet {
  const scale = options.latencyScale ?? 1
  const devices = (options.devices ?? DEFAULT_DEMO_DEVICES).map((spec) => demoDevice(spec, scale))
  const pick = devicePicker(options.random ?? Math.random)
  return {
    list: () => devices.map((d) => ({ ...d.info })),
    matchDevices: (target, action) => matching(devices, target, action).map((d) => ({ ...d.info })),
    async dispatch(request) {
      const candidates = matching(devices, request.target, request.action)
      if (candidates.length === 0) return { ok: false, error: noDevice(request) }
      const strategy = request.target && 'selector' in request.target ? request.target.strategy : undefined
      if (strategy !== 'all') return runOn(pick(candidates, request.target), request)
      return runOnAll(candidates, request)
    },
  }
}

function demoDevice(spec: DemoDeviceSpec, latencyScale: number): DemoDevice {
  return {
    info: {
      id: spec.id,
      name: spec.name,
      tags: spec.tags,
      capabilities: spec.capabilities ?? DEMO_CAPABILITIES,
      maxConcurrency: spec.maxConcurrency,
      load: 0,
    },
    latencyMs: spec.latencyMs * latencyScale,
    waiters: [],
  }
}

/** The devices that support `action` and match the target (one device by id, or a selector). */
function matching(devices: readonly DemoDevice[], target: TDeviceTarget | undefined, action: string): DemoDevice[] {
  return devices.filter((device) => {
    if (!device.info.capabilities.includes(action)) return false
    if (target && 'deviceId' in target) return device.info.id === target.deviceId
    const selector = target?.selector
    return (
      (selector?.tags ?? []).every((tag) => device.info.tags.includes(tag)) &&
      (selector?.capabilities ?? []).every((c) => device.info.capabilities.includes(c))
    )
  })
}

/** Picks one candidate by the target's strategy; round-robin counts across the fleet's dispatches. */
function devicePicker(random: () => number) {
  let roundRobin = 0
  return (candidates: DemoDevice[], target: TDeviceTarget | undefined): DemoDevice => {
    const strategy =
      target && 'selector' in target ? (target.strategy ?? DEFAULT_TARGET_STRATEGY) : DEFAULT_TARGET_STRATEGY
    if (strategy === 'round-robin') return candidates[roundRobin++ % candidates.length] as DemoDevice
    if (strategy === 'random')
      return candidates[Math.floor(random() * candidates.length) % candidates.length] as DemoDevice
    return candidates.reduce((best, d) =>
      d.info.load / d.info.maxConcurrency < best.info.load / best.info.maxConcurrency ? d : best,
    )
  }
}

/** Takes one of the device's slots, waiting while all are busy; throws once the signal aborts. */
async function acquire(device: DemoDevice, signal: AbortSignal): Promise<void> {
  while (device.info.load >= device.info.maxConcurrency) {
    if (signal.aborted) throw new Error('aborted')
    await new Promise<void>((resolve) => {
      const wake = () => {
        signal.removeEventListener('abort', wake)
        resolve()
      }
      device.waiters.push(wake)
      signal.addEventListener('abort', wake, { once: true })
    })
  }
  device.info.load++
}

function release(device: DemoDevice): void {
  device.info.load--
  device.waiters.shift()?.()
}

async function runOn(device: DemoDevice, request: DispatchRequest): Promise<DispatchResult> {
  try {
    await acquire(device, request.signal)
  } catch {
    return { ok: false, error: abortedError(request.signal), deviceId: device.info.id }
  }
  try {
    const result = await runDemoAction(device.info, device.latencyMs, request)
    return result.ok
      ? { ok: true, output: result.output, deviceId: device.info.id }
      : { ok: false, error: result.error, deviceId: device.info.id }
  } finally {
    release(device)
  }
}

/** Strategy `all`: every candidate runs it; the first failure fails the dispatch. */
async function runOnAll(candidates: DemoDevice[], request: DispatchRequest): Promise<DispatchResult> {
  const results = await Promise.all(candidates.map((device) => runOn(device, request)))
  const failed = results.find((r) => !r.ok)
  if (failed) return failed
  const outputs: Record<string, unknown> = {}
  for (const r of results) if (r.ok) outputs[r.deviceId] = r.output
  return { ok: true, output: { devices: outputs }, deviceId: 'all' }
}

function noDevice(request: DispatchRequest): { code: string; message: string; retryable: boolean } {
  const where =
    request.target && 'deviceId' in request.target
      ? `device "${request.target.deviceId}"`
      : 'any device matching the selector'
  return {
    code: 'no_device',
    message: `No online device can run "${request.action}" (${where}). Check the step's target and the fleet page.`,
    retryable: true,
  }
}

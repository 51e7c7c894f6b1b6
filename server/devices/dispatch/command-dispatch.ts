// A dispatch from placement to result: one device (routed again when lost before delivery), or,
// for strategy `all`, once on every matching device with the outputs keyed by device id.
import type { StepError } from '@/server/engine/run/run-status'
import type { FinishedCommand } from './command-assignment'
import { awaitDevices, placeCommand } from './command-placement'
import { abortedError } from '../device-driver'
import type { DispatchRequest, DispatchResult } from '@/server/runner/ports'
import type { DriverResources } from './driver-resources'
import { PlacementWait } from './placement-wait'

export function dispatchCommand(
  resources: DriverResources,
  request: DispatchRequest,
): Promise<DispatchResult> {
  const target = request.target
  const isAll = target !== undefined && 'selector' in target && target.strategy === 'all'
  return isAll ? dispatchAll(resources, request) : dispatchOne(resources, request)
}

async function dispatchOne(resources: DriverResources, request: DispatchRequest): Promise<DispatchResult> {
  for (;;) {
    const placed = await placeCommand(resources, request)
    if (!placed.ok) return placed
    const finished = await resources.results.await(
      request.commandId,
      request.signal,
      placed.kind === 'existing',
    )
    if (!finished) return { ok: false, error: abortedError(request.signal), deviceId: placed.deviceId }
    // Lost before it was delivered: nothing ran, so route it again rather than fail the attempt.
    if (finished.status === 'failed' && !finished.delivered && finished.error?.code === 'device_lost')
      continue
    return toDispatchResult(finished)
  }
}

/** Strategy `all`: the command runs once on every matching device; the output maps device id to output. */
async function dispatchAll(resources: DriverResources, request: DispatchRequest): Promise<DispatchResult> {
  const devices = await awaitDevices(resources, request)
  if (request.signal.aborted) return { ok: false, error: abortedError(request.signal) }
  if (devices.length === 0)
    return { ok: false, error: new PlacementWait(request, () => resources.snapshot.fleet()).error() }
  const outcomes = await Promise.all(
    devices.map((device) =>
      dispatchOne(resources, {
        ...request,
        commandId: `${request.commandId}@${device.id}`,
        target: { deviceId: device.id },
      }),
    ),
  )
  const failed = outcomes.find((r) => !r.ok)
  if (failed) return failed
  const outputs: Record<string, unknown> = {}
  for (const r of outcomes) if (r.ok) outputs[r.deviceId] = r.output
  return { ok: true, output: { devices: outputs }, deviceId: 'all' }
}

function toDispatchResult(command: FinishedCommand): DispatchResult {
  if (command.status === 'succeeded')
    return { ok: true, output: command.output ?? null, deviceId: command.deviceId }
  const error: StepError = command.error ?? {
    code: command.status === 'cancelled' ? 'cancelled' : 'device_error',
    message: `The command ended as ${command.status} on device ${command.deviceId}.`,
    retryable: command.status !== 'cancelled',
  }
  return { ok: false, error, deviceId: command.deviceId }
}

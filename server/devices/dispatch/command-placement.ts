// Getting a dispatch onto a device: rank the routable candidates, take a slot with the assigning
// statement, and wait (in arrival order) while the capable devices are busy, or for a capable
// device to come online up to the placement timeout.
import type { TDeviceTarget } from '@/server/engine/device-target'
import { targetStrategy } from '@/server/engine/device-target'
import type { StepError } from '@/server/engine/run/run-status'
import { assignCommand, type Assignment } from './command-assignment'
import { abortedError } from '../device-driver'
import type { DeviceInfo, DeviceSearch, DispatchRequest } from '@/server/runner/ports'
import { rankDevices } from './device-routing'
import type { DriverResources } from './driver-resources'
import { PlacementWait } from './placement-wait'
import type { SlotWaiter } from './slot-queue'

export type Placed =
  { ok: true; kind: 'assigned' | 'existing'; deviceId: string } | { ok: false; error: StepError }

/** Dispatches with the same action and target can use the same devices: one queue group. */
function queueKey(target: TDeviceTarget | undefined, action: string): string {
  return `${action}\u0000${JSON.stringify(target ?? null)}`
}

/** Tries the candidates no earlier waiter is owed, in strategy order, until one takes the command. */
async function assign(
  resources: DriverResources,
  request: DispatchRequest,
  waiter: SlotWaiter,
): Promise<Assignment | { kind: 'none' | 'busy' }> {
  const { snapshot, slots, fleet } = resources
  const candidates = snapshot.routable(request.target, request.action)
  if (candidates.length === 0) return { kind: 'none' }
  const strategy = targetStrategy(request.target)
  const flaggedNow = resources.flagged?.peek()
  const isFlagged = flaggedNow?.size ? (id: string) => flaggedNow.has(id) : undefined
  const ranked = rankDevices(
    candidates,
    strategy === 'all' ? 'least-loaded' : strategy,
    resources.random,
    isFlagged,
  )
  const owed = ranked.filter((device) => !slots.isReserved(device.id, waiter))
  let full = owed.length < ranked.length
  for (const device of owed) {
    const command = {
      id: request.commandId,
      action: request.action,
      params: request.params,
      timeoutMs: request.timeoutMs,
    }
    const assignment = await assignCommand(resources.db, command, device.id)
    if (assignment.kind === 'assigned') snapshot.noteAssigned(assignment.deviceId)
    if (assignment.kind === 'assigned' || assignment.kind === 'existing') return assignment
    if (assignment.kind === 'full') {
      full = true
      snapshot.noteFull(device.id)
    } else snapshot.noteUnavailable(device.id)
  }
  if (!full) void fleet.refresh()
  return full ? { kind: 'busy' } : { kind: 'none' }
}

/** Gets the command a device slot: queued in arrival order while the capable devices are busy. */
export async function placeCommand(resources: DriverResources, request: DispatchRequest): Promise<Placed> {
  const { snapshot, slots, fleet, pollMs } = resources
  const wait = new PlacementWait(request, () => snapshot.fleet())
  const waiter = slots.join(queueKey(request.target, request.action), (id) =>
    snapshot.canRun(id, request.target, request.action),
  )
  let tookSlot = false
  try {
    for (;;) {
      if (request.signal.aborted) return { ok: false, error: abortedError(request.signal) }
      const attempt = await assign(resources, request, waiter)
      if (attempt.kind === 'assigned' || attempt.kind === 'existing') {
        tookSlot = attempt.kind === 'assigned'
        return { ok: true, kind: attempt.kind, deviceId: attempt.deviceId }
      }
      if (attempt.kind === 'busy') {
        wait.slotsFull()
        await waiter.wait(request.signal, pollMs)
        continue
      }
      const now = Date.now()
      const deadline = wait.noDevice(now)
      if (deadline === 'expired') return { ok: false, error: wait.error() }
      await fleet.waitForChange(request.signal, Math.min(deadline - now, pollMs))
    }
  } finally {
    wait.stop()
    slots.leave(waiter, { tookSlot })
  }
}

/** The matching devices once at least one is online, or [] after the placement timeout. */
export async function awaitDevices(resources: DriverResources, search: DeviceSearch): Promise<DeviceInfo[]> {
  const { snapshot, fleet, pollMs } = resources
  const wait = new PlacementWait(search, () => snapshot.fleet())
  try {
    for (;;) {
      const devices = snapshot.match(search.target, search.action)
      if (devices.length > 0 || search.signal.aborted) return devices
      const now = Date.now()
      const deadline = wait.noDevice(now)
      if (deadline === 'expired') return []
      await fleet.waitForChange(search.signal, Math.min(deadline - now, pollMs))
    }
  } finally {
    wait.stop()
  }
}

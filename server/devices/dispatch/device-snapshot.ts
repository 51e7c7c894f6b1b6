// The driver's copy of the device registry, refreshed on a timer and on registry notifications, so
// matchDevices (synchronous) and routing can answer without a query. Between refreshes it tracks
// this process's own assignments; the assignment statement re-checks capacity in the database.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import type { TDeviceTarget } from '@/server/engine/device-target'
import type { FleetDevice } from '@/server/engine/placement'
import { rows } from '@/server/platform/sql-helpers'
import type { DeviceInfo } from '@/server/runner/ports'
import { matchesTarget, type RoutableDevice } from './device-routing'

interface SnapshotDevice extends DeviceInfo {
  available: boolean
  lastAssignedMs: number | null
}

export class DeviceSnapshot {
  private devices = new Map<string, SnapshotDevice>()

  constructor(private readonly db: Db) {}

  async refresh(): Promise<void> {
    const found = await rows<{
      id: string
      name: string
      tags: string[]
      capabilities: string[]
      max_concurrency: number
      load: number
      available: boolean
      last_assigned_ms: number | null
    }>(
      this.db,
      sql`SELECT id, name, tags, capabilities, max_concurrency, load,
                 (status <> 'offline' AND NOT draining) AS available,
                 (extract(epoch FROM last_assigned_at) * 1000)::float8 AS last_assigned_ms
          FROM devices WHERE revoked_at IS NULL ORDER BY id`,
    )
    const next = new Map<string, SnapshotDevice>()
    for (const d of found) {
      const local = this.devices.get(d.id)?.lastAssignedMs ?? null
      next.set(d.id, {
        id: d.id,
        name: d.name,
        tags: d.tags,
        capabilities: d.capabilities,
        maxConcurrency: d.max_concurrency,
        load: d.load,
        available: d.available,
        // This process's own picks are newer than what it read, for a round-robin that does not repeat itself.
        lastAssignedMs: Math.max(d.last_assigned_ms ?? -Infinity, local ?? -Infinity),
      })
    }
    this.devices = next
  }

  private matching(target: TDeviceTarget | undefined, action: string): SnapshotDevice[] {
    return [...this.devices.values()].filter((d) => d.available && matchesTarget(d, target, action))
  }

  /** Online (or busy), undrained devices that match the target and support the action. */
  match(target: TDeviceTarget | undefined, action: string): DeviceInfo[] {
    return this.matching(target, action).map((d) => ({
      id: d.id,
      name: d.name,
      tags: d.tags,
      capabilities: d.capabilities,
      maxConcurrency: d.maxConcurrency,
      load: d.load,
    }))
  }

  routable(target: TDeviceTarget | undefined, action: string): RoutableDevice[] {
    return this.matching(target, action).map((d) => ({
      id: d.id,
      tags: d.tags,
      capabilities: d.capabilities,
      maxConcurrency: d.maxConcurrency,
      active: d.load,
      lastAssignedMs: Number.isFinite(d.lastAssignedMs) ? d.lastAssignedMs : null,
    }))
  }

  noteAssigned(deviceId: string): void {
    const device = this.devices.get(deviceId)
    if (!device) return
    device.load++
    device.lastAssignedMs = Date.now()
  }

  /** A slot-release notification carries the device's load as that commit left it. */
  noteReleased(deviceId: string, load: number): void {
    const device = this.devices.get(deviceId)
    if (device) device.load = Math.max(0, load)
  }

  /** Free slots on the device as far as this copy knows (0 when unknown or unavailable). */
  freeSlots(deviceId: string): number {
    const device = this.devices.get(deviceId)
    return device?.available ? Math.max(0, device.maxConcurrency - device.load) : 0
  }

  /** Whether the device is available and can run the action on this target. */
  canRun(deviceId: string, target: TDeviceTarget | undefined, action: string): boolean {
    const device = this.devices.get(deviceId)
    return device !== undefined && device.available && matchesTarget(device, target, action)
  }

  /** The whole registered fleet, for placement messages ("0 of 4 online devices match"). */
  fleet(): FleetDevice[] {
    return [...this.devices.values()].map((d) => ({
      id: d.id,
      tags: d.tags,
      capabilities: d.capabilities,
      online: d.available,
    }))
  }

  noteUnavailable(deviceId: string): void {
    const device = this.devices.get(deviceId)
    if (device) device.available = false
  }

  noteFull(deviceId: string): void {
    const device = this.devices.get(deviceId)
    if (device) device.load = Math.max(device.load, device.maxConcurrency)
  }
}

// Every action the registered fleet announces, for the editor's action picker: its description, how
// many online devices offer it and one parameter schema (the newest online device's when they differ).
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { rows, toDate } from '@/server/platform/sql-helpers'

type Announced = { name: string; description?: string; paramsSchema?: unknown }

export interface FleetDeviceActions {
  online: boolean
  /** The device's latest hello; among devices that disagree, the newest one's schema wins. */
  helloAt: Date | null
  actions: Announced[]
}

export interface FleetAction {
  name: string
  description: string | null
  onlineDevices: number
  registeredDevices: number
  paramsSchema: Record<string, unknown> | null
  /** The devices offering it announce different schemas (or descriptions); the shown one is the newest's. */
  schemasDiffer: boolean
  /** Where the shown schema comes from: the newest online device, else the newest registered one. */
  schemaFrom: 'online' | 'offline' | null
}

const isSchema = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Newest online device first, then newest offline device: the first offer of a name is the one shown. */
function byPreference(a: FleetDeviceActions, b: FleetDeviceActions): number {
  if (a.online !== b.online) return a.online ? -1 : 1
  return (b.helloAt?.getTime() ?? 0) - (a.helloAt?.getTime() ?? 0)
}

export function summarizeFleetActions(devices: readonly FleetDeviceActions[]): FleetAction[] {
  const byName = new Map<string, FleetAction & { fingerprint: string }>()
  for (const device of [...devices].sort(byPreference)) {
    for (const action of device.actions) {
      const schema = isSchema(action.paramsSchema) ? action.paramsSchema : null
      const fingerprint = JSON.stringify([schema, action.description ?? null])
      const known = byName.get(action.name)
      if (!known) {
        byName.set(action.name, {
          name: action.name,
          description: action.description ?? null,
          onlineDevices: device.online ? 1 : 0,
          registeredDevices: 1,
          paramsSchema: schema,
          schemasDiffer: false,
          schemaFrom: schema ? (device.online ? 'online' : 'offline') : null,
          fingerprint,
        })
        continue
      }
      known.registeredDevices += 1
      if (device.online) known.onlineDevices += 1
      if (known.fingerprint !== fingerprint) known.schemasDiffer = true
    }
  }
  return [...byName.values()]
    .map(({ fingerprint: _, ...action }) => action)
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** What every registered (not revoked) device announced in its last hello. */
export async function listFleetActions(db: Db): Promise<FleetAction[]> {
  const found = await rows<{ actions: unknown; online: boolean; hello_at: string | null }>(
    db,
    sql`SELECT d.actions, d.status <> 'offline' AS online,
               (SELECT max(c.connected_at) FROM device_connections c WHERE c.device_id = d.id) AS hello_at
        FROM devices d
        WHERE d.revoked_at IS NULL AND jsonb_array_length(d.actions) > 0`,
  )
  return summarizeFleetActions(
    found.map((r) => ({
      online: r.online,
      helloAt: toDate(r.hello_at),
      actions: Array.isArray(r.actions) ? (r.actions as Announced[]) : [],
    })),
  )
}

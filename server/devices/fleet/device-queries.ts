// Reads for the fleet page: the device list with in-flight counts, and one device with its actions,
// recent commands (with results) and connection history.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { WorkflowError } from '@/server/engine/errors'
import { rows, toDate } from '@/server/platform/sql-helpers'

export const DEVICE_STATUSES = ['online', 'busy', 'draining', 'offline'] as const
export type DeviceStatus = (typeof DEVICE_STATUSES)[number]

export interface DeviceListQuery {
  tag?: string | undefined
  status?: DeviceStatus | 'revoked' | undefined
  search?: string | undefined
}

type DeviceRow = {
  id: string
  name: string
  tags: string[]
  capabilities: string[]
  status: DeviceStatus
  draining: boolean
  load: number
  max_concurrency: number
  running: number
  agent_version: string | null
  token_prefix: string
  last_seen_at: string | null
  created_at: string
  revoked_at: string | null
}

function toDevice(r: DeviceRow) {
  return {
    id: r.id,
    name: r.name,
    tags: r.tags,
    capabilities: r.capabilities,
    status: r.status,
    draining: r.draining,
    load: r.load,
    maxConcurrency: r.max_concurrency,
    running: r.running,
    agentVersion: r.agent_version,
    tokenPrefix: r.token_prefix,
    lastSeenAt: toDate(r.last_seen_at),
    createdAt: toDate(r.created_at) ?? new Date(0),
    revokedAt: toDate(r.revoked_at),
  }
}
export type DeviceSummary = ReturnType<typeof toDevice>

const DEVICE_COLUMNS = sql`d.id, d.name, d.tags, d.capabilities, d.status, d.draining, d.load, d.max_concurrency,
  d.agent_version, d.token_prefix, d.last_seen_at, d.created_at, d.revoked_at,
  (SELECT count(*)::int FROM device_commands c WHERE c.device_id = d.id AND c.status IN ('delivered', 'acked', 'running')) AS running`

export async function listDevices(db: Db, query: DeviceListQuery): Promise<DeviceSummary[]> {
  const revoked = query.status === 'revoked'
  const found = await rows<DeviceRow>(
    db,
    sql`SELECT ${DEVICE_COLUMNS} FROM devices d
        WHERE (d.revoked_at IS NOT NULL) = ${revoked}
          AND (${query.status ?? null}::text IS NULL OR ${revoked} OR d.status = ${query.status ?? null})
          AND (${query.tag ?? null}::text IS NULL OR d.tags ? ${query.tag ?? ''})
          AND (${query.search ?? null}::text IS NULL OR d.name ILIKE '%' || ${query.search ?? ''} || '%' OR d.id = ${query.search ?? ''})
        ORDER BY d.status = 'offline', lower(d.name), d.id
        LIMIT 1000`,
  )
  return found.map(toDevice)
}

export async function getDevice(db: Db, id: string) {
  const [device] = await rows<DeviceRow & { actions: unknown; host: unknown }>(
    db,
    sql`SELECT ${DEVICE_COLUMNS}, d.actions, d.host FROM devices d WHERE d.id = ${id}`,
  )
  if (!device) throw new WorkflowError('not_found', `No device ${id}.`)
  const recentCommands = await listRecentCommands(db, id)
  const connections = await listConnections(db, id)
  return {
    ...toDevice(device),
    actions: Array.isArray(device.actions)
      ? (device.actions as { name: string; description?: string; paramsSchema?: unknown }[])
      : [],
    host: (device.host ?? null) as Record<string, string> | null,
    recentCommands,
    connections,
  }
}
export type DeviceDetail = Awaited<ReturnType<typeof getDevice>>

/** The device's 25 newest commands, with their results and the run each belongs to. */
async function listRecentCommands(db: Db, deviceId: string) {
  const commands = await rows<{
    id: string
    step_execution_id: string | null
    execution_id: string | null
    action: string
    params: unknown
    status: string
    output: unknown
    error: unknown
    progress: unknown
    created_at: string
    started_at: string | null
    finished_at: string | null
  }>(
    db,
    sql`SELECT c.id, c.step_execution_id, s.execution_id, c.action, c.params, c.status, c.output, c.error, c.progress,
               c.created_at, c.started_at, c.finished_at
        FROM device_commands c LEFT JOIN step_executions s ON s.id = c.step_execution_id
        WHERE c.device_id = ${deviceId} ORDER BY c.created_at DESC LIMIT 25`,
  )
  return commands.map((c) => ({
    id: c.id,
    executionId: c.execution_id,
    action: c.action,
    params: c.params,
    status: c.status,
    output: c.output,
    error: c.error as { code: string; message: string; retryable: boolean } | null,
    progress: c.progress as { percent: number | null; message: string | null } | null,
    createdAt: toDate(c.created_at) ?? new Date(0),
    startedAt: toDate(c.started_at),
    finishedAt: toDate(c.finished_at),
  }))
}

/** The device's 10 newest connections: which gateway held it, from where, and why each ended. */
async function listConnections(db: Db, deviceId: string) {
  const connections = await rows<{
    id: string
    gateway_id: string
    remote_address: string | null
    connected_at: string
    disconnected_at: string | null
    disconnect_reason: string | null
  }>(
    db,
    sql`SELECT id, gateway_id, remote_address, connected_at, disconnected_at, disconnect_reason
        FROM device_connections WHERE device_id = ${deviceId} ORDER BY connected_at DESC LIMIT 10`,
  )
  return connections.map((c) => ({
    id: c.id,
    gatewayId: c.gateway_id,
    remoteAddress: c.remote_address,
    connectedAt: toDate(c.connected_at) ?? new Date(0),
    disconnectedAt: toDate(c.disconnected_at),
    reason: c.disconnect_reason,
  }))
}

export async function listCommandLogs(db: Db, query: { commandId: string; afterId: number; limit: number }) {
  const found = await rows<{ id: number; stream: string; line: string; created_at: string }>(
    db,
    sql`SELECT id, stream, line, created_at FROM device_command_logs
        WHERE command_id = ${query.commandId} AND id > ${query.afterId} ORDER BY id LIMIT ${query.limit}`,
  )
  return found.map((l) => ({
    id: Number(l.id),
    stream: l.stream,
    line: l.line,
    createdAt: toDate(l.created_at) ?? new Date(0),
  }))
}

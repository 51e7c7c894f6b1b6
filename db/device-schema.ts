// Device tables: the registry (one row per token), connection history, commands (the queue between
// runners and gateways; id = the runner's command id) and command log lines.
import { sql } from 'drizzle-orm'
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uuid,
} from 'drizzle-orm/pg-core'
import { at } from './columns'

export const devices = pgTable(
  'devices',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** sha256 of the token, hex; the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    /** The token's first characters, so an operator can tell tokens apart. */
    tokenPrefix: text('token_prefix').notNull(),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    /** Action descriptors from the last hello: `{ name, description?, paramsSchema? }[]`. */
    actions: jsonb('actions')
      .$type<{ name: string; description?: string; paramsSchema?: unknown }[]>()
      .notNull()
      .default([]),
    /** Action names, for matching (the step's action is always required). */
    capabilities: jsonb('capabilities').$type<string[]>().notNull().default([]),
    maxConcurrency: integer('max_concurrency').notNull().default(1),
    /** online, busy, offline or draining (what the fleet page shows). */
    status: text('status').notNull().default('offline'),
    draining: boolean('draining').notNull().default(false),
    /** Commands running, as the agent last reported. */
    load: integer('load').notNull().default(0),
    agentVersion: text('agent_version'),
    host: jsonb('host'),
    /** The connection that holds the device now; stale gateways compare it before writing. */
    connectionId: uuid('connection_id'),
    gatewayId: text('gateway_id'),
    lastSeenAt: at('last_seen_at'),
    /** Round-robin order and least-loaded tie-break: the device picked longest ago goes next. */
    lastAssignedAt: at('last_assigned_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    revokedAt: at('revoked_at'),
  },
  (t) => [index('devices_status_idx').on(t.status)],
)

export const deviceConnections = pgTable(
  'device_connections',
  {
    id: uuid('id').primaryKey(),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    gatewayId: text('gateway_id').notNull(),
    remoteAddress: text('remote_address'),
    agentVersion: text('agent_version'),
    connectedAt: at('connected_at').notNull().defaultNow(),
    disconnectedAt: at('disconnected_at'),
    disconnectReason: text('disconnect_reason'),
  },
  (t) => [index('device_connections_device_idx').on(t.deviceId, t.connectedAt)],
)

export const DEVICE_COMMAND_STATUSES = [
  'queued',
  'delivered',
  'acked',
  'running',
  'succeeded',
  'failed',
  'cancelled',
] as const
export type DeviceCommandStatus = (typeof DEVICE_COMMAND_STATUSES)[number]

export const deviceCommands = pgTable(
  'device_commands',
  {
    /** The runner's command id (`<step row id>:<attempt>[:branch]`): a command is applied once. */
    id: text('id').primaryKey(),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    /** The step row and attempt, parsed from the command id when it has that shape. */
    stepExecutionId: uuid('step_execution_id'),
    attempt: integer('attempt'),
    action: text('action').notNull(),
    params: jsonb('params').notNull().default({}),
    timeoutMs: integer('timeout_ms'),
    status: text('status').$type<DeviceCommandStatus>().notNull().default('queued'),
    output: jsonb('output'),
    error: jsonb('error'),
    progress: jsonb('progress'),
    /** The gateway that delivered it to the device's socket. */
    gatewayId: text('gateway_id'),
    createdAt: at('created_at').notNull().defaultNow(),
    deliveredAt: at('delivered_at'),
    ackedAt: at('acked_at'),
    startedAt: at('started_at'),
    finishedAt: at('finished_at'),
    cancelRequestedAt: at('cancel_requested_at'),
    cancelSentAt: at('cancel_sent_at'),
  },
  (t) => [
    index('device_commands_active_idx')
      .on(t.deviceId, t.status)
      .where(sql`${t.status} in ('queued', 'delivered', 'acked', 'running')`),
    index('device_commands_device_created_idx').on(t.deviceId, t.createdAt),
    index('device_commands_step_idx').on(t.stepExecutionId),
    // The analytics device leaderboard over a time range.
    index('device_commands_created_idx').on(t.createdAt),
    // Anomaly baselines and the flagged-device refresh read recent finished commands.
    index('device_commands_finished_idx').on(t.finishedAt),
  ],
)

export const deviceCommandLogs = pgTable(
  'device_command_logs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    commandId: text('command_id')
      .notNull()
      .references(() => deviceCommands.id, { onDelete: 'cascade' }),
    stream: text('stream').notNull(),
    line: text('line').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('device_command_logs_command_idx').on(t.commandId, t.id)],
)

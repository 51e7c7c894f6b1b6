// Every Postgres NOTIFY channel of Relayflow and the one format of its payload: how a message is
// written, in JS or in SQL where a statement builds it from the rows it changed, and how it is read
// back, checked once (zod) on the way in. A payload format lives here and nowhere else;
// notify-channels.test.ts reads back what each SQL builder writes.
import { sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'

/** A payload read back: its message, or `ok: false` when the text is not one of this channel's. */
export type Decoded<M> = { ok: true; message: M } | { ok: false }

export interface ChannelFormat<M> {
  /** The Postgres channel name. */
  name: string
  /** The payload text of a message built in this process (typed, so not checked again). */
  encode: (message: M) => string
  decode: (text: string) => Decoded<M>
}

const UNREADABLE = { ok: false } as const
const read = <M>(message: M): Decoded<M> => ({ ok: true, message })

/** Checks a JSON payload against `schema` once. */
function readJson<T>(schema: z.ZodType<T>, text: string): Decoded<T> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return UNREADABLE
  }
  const parsed = schema.safeParse(value)
  return parsed.success ? read(parsed.data) : UNREADABLE
}

/** `<prefix>:<rest>` split at the first colon, or undefined without one. */
function splitPrefix(text: string): [string, string] | undefined {
  const index = text.indexOf(':')
  return index < 0 ? undefined : [text.slice(0, index), text.slice(index + 1)]
}

/** A channel whose notification itself is the news: the payload is empty. */
function emptyChannel(name: string): ChannelFormat<undefined> {
  return { name, encode: () => '', decode: () => read(undefined) }
}

/** Payloads are kept below PostgreSQL's 8,000-byte NOTIFY limit; bigger messages travel as an id. */
const INLINE_PAYLOAD_BYTES = sql.raw('7900')

// ── runEvents ───────────────────────────────────────────────────────────────────────────────────

/** e: execution id, s..t: the new seq range, r: a run-level event (status change) is among them. */
const ZRunEventPointer = z.object({ e: z.string(), s: z.number(), t: z.number(), r: z.literal(1).optional() })
export type RunEventPointer = z.infer<typeof ZRunEventPointer>
/** Pointers per NOTIFY, keeping each payload far below PostgreSQL's 8,000-byte limit. */
export const POINTERS_PER_NOTIFY = 60
const ZRunEventPointers = z.array(ZRunEventPointer)

/** One pointer built in SQL, for `json_agg(…)::text` over at most POINTERS_PER_NOTIFY rows. */
export function runEventPointerSql(executionId: SQL, fromSeq: SQL, toSeq: SQL): SQL {
  return sql`json_build_object('e', ${executionId}, 's', ${fromSeq}, 't', ${toSeq})`
}

// ── deviceCommands ──────────────────────────────────────────────────────────────────────────────

const ZNotifiedCommand = z.object({
  commandId: z.string(),
  action: z.string(),
  params: z.record(z.string(), z.unknown()),
  timeoutMs: z.number().nullable(),
})
type NotifiedCommand = z.infer<typeof ZNotifiedCommand>
const ZCommandJson = z.object({ deviceId: z.string(), command: ZNotifiedCommand })
export type CommandsMessage = { deviceId: string; cancel: boolean; command?: NotifiedCommand }

/** `{ deviceId, command }` JSON (a new command small enough to travel along), `cancel:<device id>`, or a device id. */
const deviceCommands: ChannelFormat<CommandsMessage> = {
  name: 'relayflow_device_commands',
  encode: (message) =>
    message.command
      ? JSON.stringify({ deviceId: message.deviceId, command: message.command })
      : `${message.cancel ? 'cancel:' : ''}${message.deviceId}`,
  decode: (text) => {
    if (text.startsWith('{')) {
      const json = readJson(ZCommandJson, text)
      return json.ok ? read({ ...json.message, cancel: false }) : UNREADABLE
    }
    return text.startsWith('cancel:')
      ? read({ deviceId: text.slice('cancel:'.length), cancel: true })
      : read({ deviceId: text, cancel: false })
  },
}

/** A new command of `row` (a device_commands row alias): the command itself when it fits, else its device id. */
export function newCommandPayloadSql(row: string): SQL {
  const r = sql.raw(row)
  const json = sql`jsonb_build_object('deviceId', ${r}.device_id, 'command', jsonb_build_object('commandId', ${r}.id,
      'action', ${r}.action, 'params', ${r}.params, 'timeoutMs', ${r}.timeout_ms))::text`
  return sql`(CASE WHEN octet_length(${json}) < ${INLINE_PAYLOAD_BYTES} THEN ${json} ELSE ${r}.device_id END)`
}

/** A cancel for the device `deviceId` (an SQL expression) holds a command of. */
export function cancelPayloadSql(deviceId: SQL): SQL {
  return sql`'cancel:' || ${deviceId}`
}

// ── deviceResults ───────────────────────────────────────────────────────────────────────────────

const ZFinishedCommand = z.object({
  id: z.string(),
  deviceId: z.string(),
  status: z.enum(['succeeded', 'failed', 'cancelled']),
  output: z.unknown(),
  // written by the gateway from the device's report, already in the runner's step-error shape
  error: z.custom<{ code: string; message: string; retryable: boolean }>().nullable(),
  delivered: z.boolean(),
})
export type FinishedCommand = z.infer<typeof ZFinishedCommand>

/** The finished command as JSON when it fits in a notification, else only its id (the reader loads it). */
const deviceResults: ChannelFormat<string | FinishedCommand> = {
  name: 'relayflow_device_results',
  encode: (message) => (typeof message === 'string' ? message : JSON.stringify(message)),
  decode: (text) => (text.startsWith('{') ? readJson(ZFinishedCommand, text) : read(text)),
}

/** The finished command of `row` (a device_commands row alias): whole when it fits, else its id. */
export function finishedCommandPayloadSql(row: string): SQL {
  const r = sql.raw(row)
  const json = sql`jsonb_build_object('id', ${r}.id, 'deviceId', ${r}.device_id, 'status', ${r}.status,
      'output', ${r}.output, 'error', ${r}.error, 'delivered', ${r}.delivered_at IS NOT NULL)::text`
  return sql`(CASE WHEN octet_length(${json}) < ${INLINE_PAYLOAD_BYTES} THEN ${json} ELSE ${r}.id END)`
}

// ── deviceSlots ─────────────────────────────────────────────────────────────────────────────────

export type SlotsMessage = { deviceId: string; load: number }

/** `<load>:<device id>`: the device's load as the releasing commit left it. */
const deviceSlots: ChannelFormat<SlotsMessage> = {
  name: 'relayflow_device_slots',
  encode: (message) => `${message.load}:${message.deviceId}`,
  decode: (text) => {
    const parts = splitPrefix(text)
    return parts && /^\d+$/.test(parts[0]) ? read({ deviceId: parts[1], load: Number(parts[0]) }) : UNREADABLE
  },
}

export function slotsPayloadSql(load: SQL, deviceId: SQL): SQL {
  return sql`${load} || ':' || ${deviceId}`
}

// ── commandActivity ─────────────────────────────────────────────────────────────────────────────

/** Comma-separated command ids. */
const commandActivity: ChannelFormat<string[]> = {
  name: 'relayflow_command_activity',
  encode: (ids) => ids.join(','),
  decode: (text) => read(text.split(',')),
}

/** The ids of a group of rows, as one payload (an aggregate). */
export function commandIdsPayloadSql(commandId: SQL): SQL {
  return sql`string_agg(${commandId}, ',')`
}

// ── deviceRegistry ──────────────────────────────────────────────────────────────────────────────

const REGISTRY_EVENTS = ['revoked', 'drain', 'undrain', 'changed'] as const
type RegistryEvent = (typeof REGISTRY_EVENTS)[number]
export type RegistryMessage = { event: RegistryEvent; deviceId: string }
const isRegistryEvent = (word: string): word is RegistryEvent =>
  (REGISTRY_EVENTS as readonly string[]).includes(word)

/** `<event>:<device id>`. */
const deviceRegistry: ChannelFormat<RegistryMessage> = {
  name: 'relayflow_devices',
  encode: (message) => `${message.event}:${message.deviceId}`,
  decode: (text) => {
    const parts = splitPrefix(text)
    return parts && isRegistryEvent(parts[0]) ? read({ event: parts[0], deviceId: parts[1] }) : UNREADABLE
  },
}

export function registryPayloadSql(event: RegistryEvent, deviceId: SQL): SQL {
  return sql`${sql.raw(`'${event}:'`)} || ${deviceId}`
}

// ── all channels ────────────────────────────────────────────────────────────────────────────────

export const CHANNELS = {
  /** Steps became ready: runners claim now. */
  steps: emptyChannel('relayflow_steps'),
  /** Running steps were cancelled: their runners check their leases at once. */
  cancel: emptyChannel('relayflow_cancel'),
  /** Which runs got which new events, committed in one transaction. */
  runEvents: {
    name: 'relayflow_run_events',
    encode: (pointers) => JSON.stringify(pointers),
    decode: (text) => readJson(ZRunEventPointers, text),
  } satisfies ChannelFormat<RunEventPointer[]>,
  /** A user's credentials changed (session ended, account disabled, token revoked): the user id. */
  credentials: {
    name: 'relayflow_credentials',
    encode: (userId) => userId,
    decode: (text) => read(text),
  } satisfies ChannelFormat<string>,
  /** A new or cancelled command for a device: its gateway delivers it. */
  deviceCommands,
  /** A command reached a terminal status: the dispatching runner takes the result. */
  deviceResults,
  /** Slots freed on a device, sent by every statement that releases slots: waiting dispatches retry. */
  deviceSlots,
  /** New log lines or progress of commands: live views of their steps fetch them. */
  commandActivity,
  /** Registry changes (revoked, drain, undrain, changed) for gateways and drivers. */
  deviceRegistry,
}

export type Channel = keyof typeof CHANNELS
export type MessageOf<C extends Channel> = C extends Channel
  ? (typeof CHANNELS)[C] extends ChannelFormat<infer M>
    ? M
    : never
  : never

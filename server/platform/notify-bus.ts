// The one bus of Postgres NOTIFY channels that ties runners, gateways and web nodes together (no
// node talks to another directly): every channel's name and payload codec, a typed `notify`, and
// `listen`, which decodes payloads and tells the subscriber when to resync. NOTIFY is delivered on
// commit and lost while a LISTEN connection is down, so each subscriber keeps a slow fallback or
// re-reads in `onResync`.
import { sql, type SQL } from 'drizzle-orm'
import type postgres from 'postgres'
import { z } from 'zod'
import type { Queryable } from './sql-helpers'

/** A JSON payload checked against `schema` on the way in. */
function jsonCodec<T extends z.ZodType>(schema: T) {
  return z.codec(z.string(), schema, {
    decode: (text, ctx) => {
      try {
        return JSON.parse(text) as z.input<T>
      } catch {
        ctx.issues.push({ code: 'invalid_format', format: 'json', input: text })
        return z.NEVER
      }
    },
    encode: (value) => JSON.stringify(value),
  })
}

/** A payload that carries nothing: the notification itself is the news. */
const ZEmpty = z.codec(z.string(), z.undefined(), { decode: () => undefined, encode: () => '' })

/** e: execution id, s..t: the new seq range, r: a run-level event (status change) is among them. */
export const ZRunEventPointer = z.object({ e: z.string(), s: z.number(), t: z.number(), r: z.literal(1).optional() })
export type RunEventPointer = z.infer<typeof ZRunEventPointer>
/** Pointers per NOTIFY, keeping each payload far below PostgreSQL's 8,000-byte limit. */
export const POINTERS_PER_NOTIFY = 60

const REGISTRY_EVENTS = ['revoked', 'drain', 'undrain', 'changed'] as const
export type RegistryEvent = (typeof REGISTRY_EVENTS)[number]
const ZRegistryMessage = z.object({ event: z.enum(REGISTRY_EVENTS), deviceId: z.string() })

/** `<event>:<device id>`. */
const ZRegistryPayload = z.codec(z.string().regex(/^[a-z]+:/), ZRegistryMessage, {
  decode: (text) => {
    const index = text.indexOf(':')
    return { event: text.slice(0, index) as RegistryEvent, deviceId: text.slice(index + 1) }
  },
  encode: (message) => `${message.event}:${message.deviceId}`,
})

/** `<load>:<device id>`: the device's load as the releasing commit left it. */
const ZSlotsPayload = z.codec(z.string().regex(/^\d+:/), z.object({ deviceId: z.string(), load: z.number().int() }), {
  decode: (text) => {
    const index = text.indexOf(':')
    return { deviceId: text.slice(index + 1), load: Number(text.slice(0, index)) }
  },
  encode: (message) => `${message.load}:${message.deviceId}`,
})

const ZNotifiedCommand = z.object({
  commandId: z.string(),
  action: z.string(),
  params: z.record(z.string(), z.unknown()),
  timeoutMs: z.number().nullable(),
})
export type NotifiedCommand = z.infer<typeof ZNotifiedCommand>
const ZCommandsMessage = z.object({ deviceId: z.string(), cancel: z.boolean(), command: ZNotifiedCommand.optional() })
const ZCommandsJson = jsonCodec(z.object({ deviceId: z.string(), command: ZNotifiedCommand }))

/** `{ deviceId, command }` JSON (a new command small enough to travel along), `cancel:<device id>`, or a device id. */
const ZCommandsPayload = z.codec(z.string(), ZCommandsMessage, {
  decode: (text, ctx) => {
    if (text.startsWith('{')) {
      const parsed = ZCommandsJson.safeDecode(text)
      if (parsed.success) return { ...parsed.data, cancel: false }
      ctx.issues.push({ code: 'custom', message: 'not a command', input: text })
      return z.NEVER
    }
    return text.startsWith('cancel:')
      ? { deviceId: text.slice('cancel:'.length), cancel: true }
      : { deviceId: text, cancel: false }
  },
  encode: (message) =>
    message.command
      ? ZCommandsJson.encode({ deviceId: message.deviceId, command: message.command })
      : `${message.cancel ? 'cancel:' : ''}${message.deviceId}`,
})

const ZFinishedCommand = z.object({
  id: z.string(),
  deviceId: z.string(),
  status: z.enum(['succeeded', 'failed', 'cancelled']),
  output: z.unknown(),
  // written by the gateway from the device's report, already in the runner's step-error shape
  error: z.custom<{ code: string; message: string; retryable: boolean }>().nullable(),
  delivered: z.boolean(),
})
const ZFinishedJson = jsonCodec(ZFinishedCommand)

/** The finished command as JSON when it fits in a notification, else only its id (the reader loads it). */
const ZResultsPayload = z.codec(z.string(), z.union([z.string(), ZFinishedCommand]), {
  decode: (text, ctx) => {
    if (!text.startsWith('{')) return text
    const parsed = ZFinishedJson.safeDecode(text)
    if (parsed.success) return parsed.data
    ctx.issues.push({ code: 'custom', message: 'not a finished command', input: text })
    return z.NEVER
  },
  encode: (message) => (typeof message === 'string' ? message : ZFinishedJson.encode(message)),
})

/** Comma-separated command ids. */
const ZIdList = z.codec(z.string(), z.array(z.string()), {
  decode: (text) => text.split(','),
  encode: (ids) => ids.join(','),
})

/** Every channel: its Postgres name and its payload codec. */
export const CHANNELS = {
  /** Steps became ready: runners claim now. */
  steps: { name: 'relayflow_steps', payload: ZEmpty },
  /** Running steps were cancelled: their runners check their leases at once. */
  cancel: { name: 'relayflow_cancel', payload: ZEmpty },
  /** Which runs got which new events, committed in one transaction. */
  runEvents: { name: 'relayflow_run_events', payload: jsonCodec(z.array(ZRunEventPointer)) },
  /** A user's credentials changed (session ended, account disabled, token revoked): the user id. */
  credentials: { name: 'relayflow_credentials', payload: z.codec(z.string(), z.string(), { decode: (t) => t, encode: (t) => t }) },
  /** A new or cancelled command for a device: its gateway delivers it. */
  deviceCommands: { name: 'relayflow_device_commands', payload: ZCommandsPayload },
  /** A command reached a terminal status: the dispatching runner takes the result. */
  deviceResults: { name: 'relayflow_device_results', payload: ZResultsPayload },
  /** Slots freed on a device, sent by every statement that releases slots: waiting dispatches retry. */
  deviceSlots: { name: 'relayflow_device_slots', payload: ZSlotsPayload },
  /** New log lines or progress of commands: live views of their steps fetch them. */
  commandActivity: { name: 'relayflow_command_activity', payload: ZIdList },
  /** Registry changes (revoked, drain, undrain, changed) for gateways and drivers. */
  deviceRegistry: { name: 'relayflow_devices', payload: ZRegistryPayload },
} as const

export type Channel = keyof typeof CHANNELS
export type MessageOf<C extends Channel> = z.output<(typeof CHANNELS)[C]['payload']>

function codecOf<C extends Channel>(channel: C): z.ZodCodec<z.ZodString, z.ZodType<MessageOf<C>>> {
  return CHANNELS[channel].payload as unknown as z.ZodCodec<z.ZodString, z.ZodType<MessageOf<C>>>
}

/** The Postgres name of a channel, for statements that build their payload in SQL. */
export function channelName(channel: Channel): string {
  return CHANNELS[channel].name
}

/** The payload text a message travels as. */
export function encodeMessage<C extends Channel>(channel: C, message: MessageOf<C>): string {
  return codecOf(channel).encode(message)
}

/** A payload read back into its message; `success: false` when it does not decode. */
export function decodeMessage<C extends Channel>(channel: C, payload: string): z.ZodSafeParseResult<MessageOf<C>> {
  return codecOf(channel).safeDecode(payload)
}

/** A payload's message, or undefined when it does not decode (for channels that carry one). */
export function readMessage<C extends Channel>(channel: C, payload: string): MessageOf<C> | undefined {
  const decoded = decodeMessage(channel, payload)
  return decoded.success ? decoded.data : undefined
}

/** `pg_notify(channel, payload)` as an expression, to select inside a larger statement. */
export function notifyExpression<C extends Channel>(channel: C, message: MessageOf<C>): SQL {
  return sql`pg_notify(${channelName(channel)}, ${encodeMessage(channel, message)})`
}

/** Sends one message; inside a transaction it is delivered when that commits. */
export async function notify<C extends Channel>(db: Queryable, channel: C, message: MessageOf<C>): Promise<void> {
  await db.execute(sql`SELECT ${notifyExpression(channel, message)}`)
}

export interface Listening {
  /** Resolves true once LISTEN is in place, false when it failed (onError was told). */
  ready: Promise<boolean>
  stop(): Promise<void>
}

export interface ListenOptions {
  /**
   * Called each time LISTEN is in place: first, and again after every reconnect (postgres.js
   * re-issues it), since whatever was sent meanwhile is unknown; also for a payload that does not
   * decode. Subscribers re-read the state they follow here.
   */
  onResync?: () => void
  /** LISTEN could not be issued; the subscriber falls back to polling. */
  onError: (error: unknown) => void
}

/** Follows one channel on a dedicated postgres.js connection until stopped. */
export function listen<C extends Channel>(
  client: postgres.Sql,
  channel: C,
  onMessage: (message: MessageOf<C>) => void,
  options: ListenOptions,
): Listening {
  let stopped = false
  let unlisten: (() => Promise<void>) | undefined
  const resync = () => {
    if (!stopped) options.onResync?.()
  }
  const onNotify = (payload: string) => {
    if (stopped) return
    const decoded = decodeMessage(channel, payload)
    if (decoded.success) onMessage(decoded.data)
    else resync()
  }
  const ready = client.listen(channelName(channel), onNotify, resync).then(
    (meta) => {
      unlisten = () => meta.unlisten()
      if (stopped) void meta.unlisten().catch(() => {})
      return true
    },
    (error: unknown) => {
      options.onError(error)
      return false
    },
  )
  return {
    ready,
    stop: async () => {
      stopped = true
      await unlisten?.().catch(() => {})
    },
  }
}

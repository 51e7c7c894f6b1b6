// The one bus of Postgres NOTIFY channels that ties runners, gateways and web nodes together (no
// node talks to another directly): a typed `notify`, and `listen`, which decodes payloads and tells
// the subscriber when to resync. The channels and their payload formats are in notify-channels.ts.
// NOTIFY is delivered on commit and lost while a LISTEN connection is down, so each subscriber
// keeps a slow fallback or re-reads in `onResync`.
import { sql, type SQL } from 'drizzle-orm'
import type postgres from 'postgres'
import { CHANNELS, type Channel, type ChannelFormat, type Decoded, type MessageOf } from './notify-channels'
import type { Queryable } from './sql-helpers'

export type { Channel, MessageOf, RunEventPointer } from './notify-channels'
export { POINTERS_PER_NOTIFY } from './notify-channels'

function formatOf<C extends Channel>(channel: C): ChannelFormat<MessageOf<C>> {
  return CHANNELS[channel] as unknown as ChannelFormat<MessageOf<C>>
}

/** The Postgres name of a channel, for statements that build their payload in SQL. */
export function channelName(channel: Channel): string {
  return CHANNELS[channel].name
}

/** The payload text a message travels as. */
export function encodeMessage<C extends Channel>(channel: C, message: MessageOf<C>): string {
  return formatOf(channel).encode(message)
}

/** A payload read back into its message, checked once; `ok: false` when it is not one. */
export function decodeMessage<C extends Channel>(channel: C, payload: string): Decoded<MessageOf<C>> {
  return formatOf(channel).decode(payload)
}

/** `pg_notify(channel, payload)` as an expression, to select inside a larger statement. */
export function notifyExpression<C extends Channel>(channel: C, message: MessageOf<C>): SQL {
  return sql`pg_notify(${channelName(channel)}, ${encodeMessage(channel, message)})`
}

/** `pg_notify(channel, payload)` for a payload built in SQL by the channel's builder in notify-channels.ts. */
export function notifySql(channel: Channel, payload: SQL): SQL {
  return sql`pg_notify(${channelName(channel)}, ${payload})`
}

/** Sends one message; inside a transaction it is delivered when that commits. */
export async function notify<C extends Channel>(
  db: Queryable,
  channel: C,
  message: MessageOf<C>,
): Promise<void> {
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
  /** False: the first LISTEN is not a resync (the subscriber read the state itself just before). */
  resyncOnFirstListen?: boolean
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
  let listened = false
  const resync = () => {
    if (!stopped) options.onResync?.()
  }
  const onListen = () => {
    const first = !listened
    listened = true
    if (!first || options.resyncOnFirstListen !== false) resync()
  }
  const onNotify = (payload: string) => {
    if (stopped) return
    const decoded = decodeMessage(channel, payload)
    if (decoded.ok) onMessage(decoded.message)
    else resync()
  }
  const ready = client.listen(channelName(channel), onNotify, onListen).then(
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

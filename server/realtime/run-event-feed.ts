// Turns the runner's transactional NOTIFYs (which runs got which new events, sent only when their
// transaction commits) into coalesced pushes to this node's /live rooms. Each node listens for
// itself, so a run executed by any process reaches browsers connected to any web node. Rooms keep
// the last seq they were sent; after LISTEN reconnects every watched room is topped up from the
// database, so a missed notification never leaves a view behind.
import type postgres from 'postgres'
import type { Db } from '@/db/client'
import type { Logger } from '@/server/platform/logger'
import { listen, type RunEventPointer } from '@/server/platform/notify-bus'
import type { LiveRunEvent, LiveRunSummary } from '@/contracts/live-contract'
import { eventsAfter, runSummaries } from './live-queries'

export interface RunEventSink {
  /** Executions with at least one subscriber on this node, and the last seq their room was sent. */
  watched(): ReadonlyMap<string, number>
  /** Whether anyone on this node follows run status changes (runs list, workflow pages). */
  followsRuns(): boolean
  events(executionId: string, events: LiveRunEvent[]): void
  runChanged(run: LiveRunSummary): void
}

export interface RunEventFeed {
  /** Tops up every watched room now (after a reconnect, or a client reporting a gap). */
  resync(): void
  stop(): Promise<void>
}

const COALESCE_MS = 15
const MAX_EVENTS_PER_PUSH = 2000

export function startRunEventFeed(options: { db: Db; sql: postgres.Sql; sink: RunEventSink; logger: Logger }): RunEventFeed {
  const { db, sink } = options
  const log = options.logger.child({ component: 'live-feed' })
  /** Executions with new events since the last push, and whether a run-level event was among them. */
  const pending = new Map<string, boolean>()
  let everything = false
  let timer: NodeJS.Timeout | undefined
  let pushing: Promise<void> | undefined
  let stopped = false

  function schedule(): void {
    if (timer || stopped) return
    timer = setTimeout(() => {
      timer = undefined
      pushing = (pushing ?? Promise.resolve())
        .then(push)
        .catch((error: unknown) => {
          log.warn({ err: error }, 'live push failed; retrying')
          resync()
        })
    }, COALESCE_MS)
  }

  async function push(): Promise<void> {
    const changed = [...pending]
    const all = everything
    pending.clear()
    everything = false
    if (await deliverChanges(db, sink, changed, all)) resync() // a long backlog: keep going
  }

  function onPointers(pointers: RunEventPointer[]): void {
    for (const p of pointers) pending.set(p.e, (pending.get(p.e) ?? false) || p.r === 1)
    schedule()
  }

  function resync(): void {
    everything = true
    schedule()
  }

  const listening = listen(options.sql, 'runEvents', onPointers, {
    onResync: resync,
    onError: (error) => log.error({ err: error }, 'LISTEN for run events failed; live views fall back to catch-up on subscribe'),
  })

  return {
    resync,
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      await pushing?.catch(() => {})
      await listening.stop()
    },
  }
}

/**
 * Tops up the watched rooms of the changed executions (or of all, after a gap) and tells run
 * followers of status changes. Returns whether a room's backlog was longer than one push.
 */
async function deliverChanges(
  db: Db,
  sink: RunEventSink,
  changed: readonly [executionId: string, runLevel: boolean][],
  all: boolean,
): Promise<boolean> {
  const changedIds = new Set(changed.map(([id]) => id))
  const after = new Map<string, number>()
  for (const [id, seq] of sink.watched()) if (all || changedIds.has(id)) after.set(id, seq)
  const found = await eventsAfter(db, after, MAX_EVENTS_PER_PUSH)
  for (const [id, events] of found) if (events.length > 0) sink.events(id, events)
  const statusChanged = changed.filter(([, runLevel]) => runLevel).map(([id]) => id)
  if (statusChanged.length > 0 && sink.followsRuns())
    for (const run of await runSummaries(db, statusChanged)) sink.runChanged(run)
  return [...found.values()].some((events) => events.length === MAX_EVENTS_PER_PUSH)
}

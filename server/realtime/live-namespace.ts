// The /live namespace: browsers subscribe to rooms (execution:<id>, workflow:<id>, runs, fleet,
// monitoring). Subscribing to a run answers with every event after the client's last seq, so a
// reconnecting view converges to the database's truth; later events arrive coalesced from the
// run event feed. Run events are delivered by each node to its own sockets (`local`), since every
// node follows the same committed NOTIFYs; so are step activity hints and the fleet and monitoring
// pulses (each node watches for its own members); other broadcasts go through the socket.io adapter.
import type postgres from 'postgres'
import type { Namespace, Server } from 'socket.io'
import type { Db } from '@/db/client'
import type { Logger } from '@/server/platform/logger'
import {
  LIVE_NAMESPACE,
  MAX_CATCH_UP_EVENTS,
  ZSubscribeRequest,
  type ClientToServerEvents,
  type LiveRunEvent,
  type LiveRunSummary,
  type ServerToClientEvents,
  type SubscribeAck,
} from '@/contracts/live-contract'
import { eventsAfter, runSummaries } from './live-queries'
import { startRoomPulse } from './room-pulse'
import { startRunEventFeed, type RunEventFeed } from './run-event-feed'
import { startStepActivityFeed } from './step-activity-feed'

export type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents>

const EXECUTION_PREFIX = 'execution:'

export function attachLiveNamespace(
  io: Server,
  deps: { db: Db; sql: postgres.Sql; logger: Logger },
): { namespace: LiveNamespace; feed: RunEventFeed; stop: () => Promise<void> } {
  const nsp: LiveNamespace = io.of(LIVE_NAMESPACE)
  const log = deps.logger.child({ component: 'live' })
  /** Last seq pushed to each execution room with members on this node. */
  const roomSeq = new Map<string, number>()
  const localRooms = () => nsp.adapter.rooms

  nsp.adapter.on('delete-room', (room: string) => {
    if (room.startsWith(EXECUTION_PREFIX)) roomSeq.delete(room.slice(EXECUTION_PREFIX.length))
  })

  const feed = startRunEventFeed({
    db: deps.db,
    sql: deps.sql,
    logger: deps.logger,
    sink: {
      watched: () => {
        const out = new Map<string, number>()
        for (const [id, seq] of roomSeq) if (localRooms().get(EXECUTION_PREFIX + id)?.size) out.set(id, seq)
        return out
      },
      followsRuns: () => [...localRooms().keys()].some((r) => r === 'runs' || r.startsWith('workflow:') || r.startsWith(EXECUTION_PREFIX)),
      events: (executionId, events) => {
        const last = roomSeq.get(executionId) ?? 0
        const fresh = events.filter((e) => e.seq > last)
        if (fresh.length === 0) return
        roomSeq.set(executionId, fresh[fresh.length - 1]?.seq ?? last)
        nsp.local.to(EXECUTION_PREFIX + executionId).emit('run.events', { executionId, events: fresh })
      },
      runChanged: (run) => {
        // A test run stays out of the runs and workflow lists: only its own room hears of it.
        const lists = run.kind === 'test' ? [] : ['runs', ...(run.workflowId ? [`workflow:${run.workflowId}`] : [])]
        const rooms = [EXECUTION_PREFIX + run.id, ...lists]
        nsp.local.to(rooms).emit('run.changed', run)
      },
    },
  })

  const activity = startStepActivityFeed({
    db: deps.db,
    sql: deps.sql,
    logger: deps.logger,
    sink: {
      watchedExecutions: () => {
        const out = new Set<string>()
        for (const [room, members] of localRooms())
          if (room.startsWith(EXECUTION_PREFIX) && members.size > 0) out.add(room.slice(EXECUTION_PREFIX.length))
        return out
      },
      activity: (executionId, stepIds) =>
        nsp.local.to(EXECUTION_PREFIX + executionId).emit('step.activity', { executionId, stepIds }),
    },
  })
  const pulse = startRoomPulse({
    db: deps.db,
    logger: deps.logger,
    members: (room) => localRooms().get(room) ?? new Set<string>(),
    changed: (room, only) => nsp.local.to(only ?? room).emit('room.changed', { room }),
  })

  nsp.on('connection', (socket) => {
    socket.on('subscribe', (request, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {}
      const parsed = ZSubscribeRequest.safeParse(request)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        reply({ ok: false, error: `${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}` })
        return
      }
      const { room, afterSeq = 0 } = parsed.data
      if (!room.startsWith(EXECUTION_PREFIX)) {
        void socket.join(room)
        reply({ ok: true, room })
        return
      }
      subscribeToRun(room.slice(EXECUTION_PREFIX.length), afterSeq)
        .then(reply)
        .catch((error: unknown) => {
          log.warn({ err: error, room }, 'live subscribe failed')
          reply({ ok: false, error: 'The run could not be loaded; try again.' })
        })

      async function subscribeToRun(executionId: string, after: number): Promise<SubscribeAck> {
        const [run] = await runSummaries(deps.db, [executionId])
        if (!run) return { ok: false, error: `Run ${executionId} does not exist.` }
        // Join first, then read: anything committed meanwhile comes by the feed or in this reply.
        await socket.join(room)
        if (!roomSeq.has(executionId)) roomSeq.set(executionId, run.lastSeq)
        const events: LiveRunEvent[] =
          (await eventsAfter(deps.db, new Map([[executionId, after]]), MAX_CATCH_UP_EVENTS)).get(executionId) ?? []
        const more = events.length === MAX_CATCH_UP_EVENTS
        const latest: LiveRunSummary = { ...run, lastSeq: Math.max(run.lastSeq, events.at(-1)?.seq ?? 0) }
        return { ok: true, room, events, more, run: latest }
      }
    })
    socket.on('unsubscribe', (request, ack) => {
      const room = typeof request?.room === 'string' ? request.room : ''
      void socket.leave(room)
      if (typeof ack === 'function') ack({ ok: true })
    })
  })

  return {
    namespace: nsp,
    feed,
    stop: async () => {
      pulse.stop()
      await Promise.all([feed.stop(), activity.stop()])
      nsp.disconnectSockets(true)
    },
  }
}

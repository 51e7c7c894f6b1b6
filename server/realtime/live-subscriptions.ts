// Joining and leaving /live rooms. Subscribing to a run answers with every event after the client's
// last seq, so a reconnecting view converges to the database's truth; other rooms are simply joined.
import type { Socket } from 'socket.io'
import type { Db } from '@/db/client'
import type { Logger } from '@/server/platform/logger'
import {
  MAX_CATCH_UP_EVENTS,
  ZSubscribeRequest,
  type ClientToServerEvents,
  type LiveRunEvent,
  type LiveRunSummary,
  type ServerToClientEvents,
  type SubscribeAck,
} from '@/contracts/live-contract'
import { eventsAfter, runSummaries } from './live-queries'
import { EXECUTION_PREFIX, type LiveRooms } from './live-rooms'

type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>

export function handleSubscriptions(rooms: LiveRooms, deps: { db: Db; log: Logger }): void {
  rooms.nsp.on('connection', (socket) => {
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
      subscribeToRun({ socket, rooms, db: deps.db }, room, afterSeq)
        .then(reply)
        .catch((error: unknown) => {
          deps.log.warn({ err: error, room }, 'live subscribe failed')
          reply({ ok: false, error: 'The run could not be loaded; try again.' })
        })
    })
    socket.on('unsubscribe', (request, ack) => {
      const room = typeof request?.room === 'string' ? request.room : ''
      void socket.leave(room)
      if (typeof ack === 'function') ack({ ok: true })
    })
  })
}

async function subscribeToRun(
  { socket, rooms, db }: { socket: LiveSocket; rooms: LiveRooms; db: Db },
  room: string,
  after: number,
): Promise<SubscribeAck> {
  const executionId = room.slice(EXECUTION_PREFIX.length)
  const [run] = await runSummaries(db, [executionId])
  if (!run) return { ok: false, error: `Run ${executionId} does not exist.` }
  // Join first, then read: anything committed meanwhile comes by the feed or in this reply.
  await socket.join(room)
  if (!rooms.roomSeq.has(executionId)) rooms.roomSeq.set(executionId, run.lastSeq)
  const events: LiveRunEvent[] =
    (await eventsAfter(db, new Map([[executionId, after]]), MAX_CATCH_UP_EVENTS)).get(executionId) ?? []
  const more = events.length === MAX_CATCH_UP_EVENTS
  const latest: LiveRunSummary = { ...run, lastSeq: Math.max(run.lastSeq, events.at(-1)?.seq ?? 0) }
  return { ok: true, room, events, more, run: latest }
}

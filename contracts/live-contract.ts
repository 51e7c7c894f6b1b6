// The /live socket.io contract shared by the server and the browser: rooms, the messages each
// side sends, and their payloads. Every run event carries its execution's sequence number, so a
// client that missed some (reconnect, server restart) asks for everything after its last one.
import { z } from 'zod'

export const LIVE_NAMESPACE = '/live'

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

/** execution:<uuid> | workflow:<uuid> | runs | fleet | monitoring */
export const ZLiveRoom = z.union([
  z.string().regex(new RegExp(`^execution:${UUID}$`, 'i'), 'execution:<run id>'),
  z.string().regex(new RegExp(`^workflow:${UUID}$`, 'i'), 'workflow:<workflow id>'),
  z.enum(['runs', 'fleet', 'monitoring']),
])
export type LiveRoom = z.infer<typeof ZLiveRoom>
/** Rooms whose pages refetch when told their data changed (server/realtime/room-pulse.ts). */
export type PulseRoom = 'fleet' | 'monitoring'

export const ZSubscribeRequest = z.strictObject({
  room: ZLiveRoom,
  /** execution rooms: the last sequence number the client holds (0 or absent: everything). */
  afterSeq: z.number().int().min(0).optional(),
})
export type SubscribeRequest = z.infer<typeof ZSubscribeRequest>

export interface LiveRunEvent {
  seq: number
  type: string
  stepId: string | null
  payload: Record<string, unknown>
  at: string
}

/** A run's status as lists and headers show it. */
export interface LiveRunSummary {
  id: string
  workflowId: string | null
  workflowVersion: number
  status: string
  trigger: string
  lastSeq: number
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  /** Failed steps a failure-edge handler ran for (set when the run ends; > 0 on a success means "with handled failures"). */
  handledFailures: number
  /** 'test': one step tested from the editor; only its own execution room hears of it. */
  kind: 'run' | 'test'
}

export type SubscribeAck =
  | {
      ok: true
      room: LiveRoom
      /** execution rooms: events after `afterSeq`, oldest first (at most MAX_CATCH_UP_EVENTS). */
      events?: LiveRunEvent[]
      /** More events exist after the last one sent: ask again with the new afterSeq. */
      more?: boolean
      run?: LiveRunSummary
    }
  | { ok: false; error: string }

export const MAX_CATCH_UP_EVENTS = 5000

export interface ServerToClientEvents {
  /** New events of one run, coalesced (several transitions in one message), in seq order. */
  'run.events': (message: { executionId: string; events: LiveRunEvent[] }) => void
  /** A run changed status (rooms runs, workflow:<id>, execution:<id>). */
  'run.changed': (run: LiveRunSummary) => void
  /** Steps of a run with new device activity (log lines, progress, a branch result): fetch them now. */
  'step.activity': (message: { executionId: string; stepIds: string[] }) => void
  /** What the fleet or monitoring page shows has changed: refetch it. */
  'room.changed': (message: { room: PulseRoom }) => void
}

export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (reply: SubscribeAck) => void) => void
  unsubscribe: (request: { room: LiveRoom }, ack?: (reply: { ok: boolean }) => void) => void
}


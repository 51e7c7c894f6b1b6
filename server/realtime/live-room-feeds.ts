// The three ways news reaches this node's /live rooms, each fed only while a room has members here:
// run events and status changes (run event feed), step activity hints, and fleet/monitoring pulses.
import { startRoomPulse } from './room-pulse'
import { startRunEventFeed, type RunEventFeed } from './run-event-feed'
import { startStepActivityFeed } from './step-activity-feed'
import { EXECUTION_PREFIX, type LiveDeps, type LiveRooms } from './live-rooms'

export function feedRunEvents(rooms: LiveRooms, deps: LiveDeps): RunEventFeed {
  const { nsp, roomSeq, local } = rooms
  return startRunEventFeed({
    db: deps.db,
    sql: deps.sql,
    logger: deps.logger,
    sink: {
      watched: () => {
        const out = new Map<string, number>()
        for (const [id, seq] of roomSeq) if (local().get(EXECUTION_PREFIX + id)?.size) out.set(id, seq)
        return out
      },
      followsRuns: () => [...local().keys()].some((r) => r === 'runs' || r.startsWith('workflow:') || r.startsWith(EXECUTION_PREFIX)),
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
        const targets = [EXECUTION_PREFIX + run.id, ...lists]
        nsp.local.to(targets).emit('run.changed', run)
      },
    },
  })
}

export function feedStepActivity(rooms: LiveRooms, deps: LiveDeps): { stop: () => Promise<void> } {
  const { nsp, local } = rooms
  return startStepActivityFeed({
    db: deps.db,
    sql: deps.sql,
    logger: deps.logger,
    sink: {
      watchedExecutions: () => {
        const out = new Set<string>()
        for (const [room, members] of local())
          if (room.startsWith(EXECUTION_PREFIX) && members.size > 0) out.add(room.slice(EXECUTION_PREFIX.length))
        return out
      },
      activity: (executionId, stepIds) =>
        nsp.local.to(EXECUTION_PREFIX + executionId).emit('step.activity', { executionId, stepIds }),
    },
  })
}

const NO_MEMBERS: ReadonlySet<string> = new Set()

export function pulseRooms(rooms: LiveRooms, deps: LiveDeps): { stop: () => void } {
  const { nsp, local } = rooms
  return startRoomPulse({
    db: deps.db,
    logger: deps.logger,
    members: (room) => local().get(room) ?? NO_MEMBERS,
    changed: (room, only) => nsp.local.to(only ?? room).emit('room.changed', { room }),
  })
}

// The /live namespace: browsers subscribe to rooms (execution:<id>, workflow:<id>, runs, fleet,
// monitoring; live-subscriptions.ts). Subscribing to a run answers with every event after the
// client's last seq, so a reconnecting view converges to the database's truth; later events arrive
// coalesced from the run event feed (live-room-feeds.ts). Run events are delivered by each node to
// its own sockets (`local`), since every node follows the same committed NOTIFYs; so are step
// activity hints and the fleet and monitoring pulses (each node watches for its own members); other
// broadcasts go through the socket.io adapter.
import type { Server } from 'socket.io'
import { LIVE_NAMESPACE } from '@/contracts/live-contract'
import { feedRunEvents, feedStepActivity, pulseRooms } from './live-room-feeds'
import { trackLiveRooms, type LiveDeps, type LiveNamespace } from './live-rooms'
import { handleSubscriptions } from './live-subscriptions'
import type { RunEventFeed } from './run-event-feed'

export function attachLiveNamespace(
  io: Server,
  deps: LiveDeps,
): { namespace: LiveNamespace; feed: RunEventFeed; stop: () => Promise<void> } {
  const nsp: LiveNamespace = io.of(LIVE_NAMESPACE)
  const rooms = trackLiveRooms(nsp)
  const feed = feedRunEvents(rooms, deps)
  const activity = feedStepActivity(rooms, deps)
  const pulse = pulseRooms(rooms, deps)
  handleSubscriptions(rooms, { db: deps.db, log: deps.logger.child({ component: 'live' }) })

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

// What the /live systems share: the namespace, this node's rooms, and the last seq each execution
// room was sent, forgotten when the room's last member on this node leaves.
import type postgres from 'postgres'
import type { Namespace } from 'socket.io'
import type { Db } from '@/db/client'
import type { Logger } from '@/server/platform/logger'
import type { ClientToServerEvents, ServerToClientEvents } from '@/contracts/live-contract'

export type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents>

export type LiveDeps = { db: Db; sql: postgres.Sql; logger: Logger }

export const EXECUTION_PREFIX = 'execution:'

export interface LiveRooms {
  nsp: LiveNamespace
  /** Last seq pushed to each execution room with members on this node. */
  roomSeq: Map<string, number>
  /** This node's rooms and their member socket ids. */
  local: () => Map<string, Set<string>>
}

export function trackLiveRooms(nsp: LiveNamespace): LiveRooms {
  const roomSeq = new Map<string, number>()
  nsp.adapter.on('delete-room', (room: string) => {
    if (room.startsWith(EXECUTION_PREFIX)) roomSeq.delete(room.slice(EXECUTION_PREFIX.length))
  })
  return { nsp, roomSeq, local: () => nsp.adapter.rooms }
}

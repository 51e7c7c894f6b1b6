'use client'
// One socket.io connection to /live per browser tab, shared by every live hook on the page.
import { io, type Socket } from 'socket.io-client'
import { LIVE_NAMESPACE, type ClientToServerEvents, type ServerToClientEvents } from '@/contracts/live-contract'

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>

let shared: LiveSocket | undefined

export function liveSocket(): LiveSocket {
  // A connection attempt that never answers (a stalled proxy, a half-open link) is given up after
  // 5 s and retried, instead of keeping the page "Reconnecting…" for socket.io's default 20 s.
  shared ??= io(LIVE_NAMESPACE, { path: '/socket.io', transports: ['websocket', 'polling'], timeout: 5_000 })
  return shared
}

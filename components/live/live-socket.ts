'use client'
// One socket.io connection to /live per browser tab, shared by every live hook on the page.
import { io, type Socket } from 'socket.io-client'
import { LIVE_NAMESPACE, type ClientToServerEvents, type ServerToClientEvents } from '@/contracts/live-contract'

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>

let shared: LiveSocket | undefined

export function liveSocket(): LiveSocket {
  shared ??= io(LIVE_NAMESPACE, { path: '/socket.io', transports: ['websocket', 'polling'] })
  return shared
}

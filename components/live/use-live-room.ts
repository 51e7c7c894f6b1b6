'use client'
// Joins a /live room for as long as the component is mounted (again after every reconnect) and
// hands its messages to `onMessage`; `onResync` runs after a reconnect, since what changed while
// offline is not replayed for these rooms.
import { useEffect, useRef, useState } from 'react'
import type { LiveRoom, ServerToClientEvents } from '@/contracts/live-contract'
import { liveSocket } from './live-socket'

export function useLiveRoom<E extends keyof ServerToClientEvents>(
  room: LiveRoom,
  event: E,
  handlers: { onMessage: ServerToClientEvents[E]; onResync: () => void },
): { connected: boolean } {
  const [connected, setConnected] = useState(false)
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })

  useEffect(() => {
    const socket = liveSocket()
    let subscribedBefore = false
    const onConnect = () => {
      socket.emit('subscribe', { room }, (ack) => {
        if (!ack.ok) return
        setConnected(true)
        if (subscribedBefore) latest.current.onResync()
        subscribedBefore = true
      })
    }
    const onDisconnect = () => setConnected(false)
    const onMessage = ((...args: Parameters<ServerToClientEvents[E]>) =>
      (latest.current.onMessage as (...a: typeof args) => void)(...args)) as ServerToClientEvents[E]
    socket.on('connect', onConnect)
    socket.on('disconnect', onDisconnect)
    socket.on(event, onMessage as never)
    if (socket.connected) onConnect()
    return () => {
      socket.off('connect', onConnect)
      socket.off('disconnect', onDisconnect)
      socket.off(event, onMessage as never)
      socket.emit('unsubscribe', { room })
    }
  }, [room, event])

  return { connected }
}

'use client'
// Joins the `fleet` or `monitoring` room on /live and calls `onChanged` whenever the server says
// what that page shows has changed, and after a reconnect (changes meanwhile are not replayed).
import { useEffect, useRef, useState } from 'react'
import type { PulseRoom } from '@/server/realtime/live-contract'
import { liveSocket } from './live-socket'

export function useLivePulse(room: PulseRoom, onChanged: () => void): { connected: boolean } {
  const [connected, setConnected] = useState(false)
  const latest = useRef(onChanged)
  useEffect(() => {
    latest.current = onChanged
  })

  useEffect(() => {
    const socket = liveSocket()
    let subscribedBefore = false
    const onConnect = () => {
      socket.emit('subscribe', { room }, (ack) => {
        if (!ack.ok) return
        setConnected(true)
        if (subscribedBefore) latest.current()
        subscribedBefore = true
      })
    }
    const onDisconnect = () => setConnected(false)
    const onMessage = (message: { room: PulseRoom }) => {
      if (message.room === room) latest.current()
    }
    socket.on('connect', onConnect)
    socket.on('disconnect', onDisconnect)
    socket.on('room.changed', onMessage)
    if (socket.connected) onConnect()
    return () => {
      socket.off('connect', onConnect)
      socket.off('disconnect', onDisconnect)
      socket.off('room.changed', onMessage)
      socket.emit('unsubscribe', { room })
    }
  }, [room])

  return { connected }
}

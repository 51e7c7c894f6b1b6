'use client'
// Follows the `runs` room on /live: every run status change (new runs too) reaches `onChanged`;
// after a reconnect `onResync` runs, since changes made while offline are not replayed.
import { useEffect, useRef, useState } from 'react'
import type { LiveRunSummary } from '@/server/realtime/live-contract'
import { liveSocket } from './live-socket'

export function useLiveRunsRoom(handlers: { onChanged: (run: LiveRunSummary) => void; onResync: () => void }): {
  connected: boolean
} {
  const [connected, setConnected] = useState(false)
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })

  useEffect(() => {
    const socket = liveSocket()
    let subscribedBefore = false
    const onConnect = () => {
      setConnected(true)
      socket.emit('subscribe', { room: 'runs' }, (ack) => {
        if (!ack.ok) return
        if (subscribedBefore) latest.current.onResync()
        subscribedBefore = true
      })
    }
    const onDisconnect = () => setConnected(false)
    const onChanged = (run: LiveRunSummary) => latest.current.onChanged(run)
    socket.on('connect', onConnect)
    socket.on('disconnect', onDisconnect)
    socket.on('run.changed', onChanged)
    if (socket.connected) onConnect()
    return () => {
      socket.off('connect', onConnect)
      socket.off('disconnect', onDisconnect)
      socket.off('run.changed', onChanged)
      socket.emit('unsubscribe', { room: 'runs' })
    }
  }, [])

  return { connected }
}

'use client'
// Follows one run over /live: subscribes with the last seq held (also after every reconnect, so
// the view converges to the database after a dropped network or a server restart), applies live
// events in order, and resubscribes when it sees a gap.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { SubscribeAck } from '@/contracts/live-contract'
import { liveSocket } from './live-socket'
import { RunStatusStore, type LiveStepState } from './run-status-store'

/** `executionId` undefined: an empty store and no subscription (e.g. a workflow with no run yet). */
export function useLiveRun(executionId: string | undefined): { store: RunStatusStore; connected: boolean } {
  // A store per run: switching runs must not mix one run's events into another's statuses.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- executionId is the store's identity, not an input
  const store = useMemo(() => new RunStatusStore(), [executionId])
  const [connected, setConnected] = useState(false)

  useEffect(() => {
    if (!executionId) return
    const socket = liveSocket()
    const room = `execution:${executionId}` as const
    let active = true
    const subscribe = () =>
      socket.emit('subscribe', { room, afterSeq: store.lastSeq }, (ack: SubscribeAck) => {
        if (!active || !ack.ok) return
        if (ack.run) store.setRun(ack.run)
        store.apply(ack.events ?? [])
        if (ack.more) subscribe()
      })
    const onConnect = () => {
      setConnected(true)
      subscribe()
    }
    const onDisconnect = () => setConnected(false)
    const onEvents = (message: { executionId: string; events: Parameters<RunStatusStore['apply']>[0] }) => {
      if (message.executionId === executionId && !store.apply(message.events)) subscribe()
    }
    const onChanged = (run: NonNullable<RunStatusStore['run']>) => {
      if (run.id === executionId) store.setRun({ ...run, lastSeq: store.lastSeq })
    }
    socket.on('connect', onConnect)
    socket.on('disconnect', onDisconnect)
    socket.on('run.events', onEvents)
    socket.on('run.changed', onChanged)
    if (socket.connected) onConnect()
    return () => {
      active = false
      socket.off('connect', onConnect)
      socket.off('disconnect', onDisconnect)
      socket.off('run.events', onEvents)
      socket.off('run.changed', onChanged)
      socket.emit('unsubscribe', { room })
    }
  }, [executionId, store])

  return { store, connected }
}

/** One step's live state; re-renders only when that step changes. */
export function useLiveStep(store: RunStatusStore, stepId: string): LiveStepState | undefined {
  return useSyncExternalStore(
    (listener) => store.subscribeStep(stepId, listener),
    () => store.step(stepId),
    () => undefined,
  )
}

/** The run summary (status, times); re-renders on run-level changes and step transitions. */
export function useLiveRunSummary(store: RunStatusStore) {
  return useSyncExternalStore(
    (listener) => store.subscribeRun(listener),
    () => store.run,
    () => undefined,
  )
}

/** How many events the store holds; re-renders when new ones are applied (read them with store.events()). */
export function useLiveEventCount(store: RunStatusStore): number {
  return useSyncExternalStore(
    (listener) => store.subscribeEvents(listener),
    () => store.eventCount,
    () => 0,
  )
}

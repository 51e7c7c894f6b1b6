'use client'
// Calls `onActivity` when /live says a step of this run has new device activity (log lines,
// progress, a branch result). The run view has already joined the run's room.
import { useEffect, useRef } from 'react'
import { liveSocket } from './live-socket'

export function useStepActivitySignal(executionId: string, stepId: string, onActivity: () => void): void {
  const latest = useRef(onActivity)
  useEffect(() => {
    latest.current = onActivity
  })
  useEffect(() => {
    const socket = liveSocket()
    const onMessage = (message: { executionId: string; stepIds: string[] }) => {
      if (message.executionId === executionId && message.stepIds.includes(stepId)) latest.current()
    }
    socket.on('step.activity', onMessage)
    return () => {
      socket.off('step.activity', onMessage)
    }
  }, [executionId, stepId])
}

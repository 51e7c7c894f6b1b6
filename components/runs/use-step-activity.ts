'use client'
// What a step did on devices: its commands (attempts, branches) and its log lines. Lines are
// fetched after the last id held: when /live reports activity on the step (within ~150 ms of the
// device sending it), every few seconds as a fallback while the step is active, and once more
// when it ends; converted once per page and kept in one growing array (the log view windows it).
import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { useStepActivitySignal } from '@/components/live/use-step-activity-signal'
import { MAX_STEP_LOG_PAGE } from '@/server/api/routers/runs/list-step-logs.types'
import { useTRPC, useTRPCClient } from '@/components/trpc-provider'
import { deviceLogLines, type LogLine } from './step-log-lines'

/** Fallback only: /live's step.activity hints bring new lines and branch results at once. */
const POLL_MS = 5000

export function useStepCommands(runId: string, stepId: string, isActive: boolean, status: string) {
  const trpc = useTRPC()
  const query = useQuery({
    ...trpc.runs.stepCommands.queryOptions({ id: runId, stepId }),
    refetchInterval: isActive ? POLL_MS : false,
  })
  const { refetch } = query
  useEffect(() => {
    void refetch()
  }, [status, refetch])
  useStepActivitySignal(runId, stepId, () => void refetch({ cancelRefetch: false }))
  return query
}

export function useStepLogs(runId: string, stepId: string, isActive: boolean, status: string): { lines: LogLine[]; error: string | null } {
  const client = useTRPCClient()
  const [state, setState] = useState<{ key: string; lines: LogLine[] }>({ key: '', lines: [] })
  const [error, setError] = useState<string | null>(null)
  const key = `${runId}/${stepId}`
  const held = useRef({ key, lastId: 0 })
  const nudge = useRef<() => void>(() => {})
  useStepActivitySignal(runId, stepId, () => nudge.current())

  useEffect(() => {
    if (held.current.key !== key) held.current = { key, lastId: 0 }
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    let fetching = false
    let again = false
    const fetchMore = async (): Promise<void> => {
      if (fetching) {
        again = true // a hint arrived mid-fetch: go once more when this one ends
        return
      }
      fetching = true
      clearTimeout(timer)
      try {
        for (;;) {
          const page = await client.runs.stepLogs.query({ id: runId, stepId, afterId: held.current.lastId, limit: MAX_STEP_LOG_PAGE })
          if (cancelled || held.current.key !== key) return
          const last = page.lines.at(-1)
          if (last) {
            held.current.lastId = last.id
            const fresh = deviceLogLines(page.lines)
            setState((prev) => ({ key, lines: prev.key === key ? prev.lines.concat(fresh) : fresh }))
          }
          setError(null)
          if (!page.more) break
        }
      } catch (e) {
        if (!cancelled) setError((e as Error).message)
      }
      fetching = false
      if (cancelled) return
      if (again) {
        again = false
        void fetchMore()
      } else if (isActive) timer = setTimeout(() => void fetchMore(), POLL_MS)
    }
    nudge.current = () => void fetchMore()
    void fetchMore()
    return () => {
      cancelled = true
      nudge.current = () => {}
      clearTimeout(timer)
    }
  }, [client, key, runId, stepId, isActive, status])

  return { lines: state.key === key ? state.lines : [], error }
}

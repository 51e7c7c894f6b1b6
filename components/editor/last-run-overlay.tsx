'use client'
// "Last run" on the editor canvas: the workflow's newest run, its step statuses laid over the
// steps (live while it runs), with a link to its run view. Off by default; the statuses come from
// the same store the run view uses, outside React Flow's node data.
import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { overlayNodeTypesOf } from '@/components/canvas/live-status-nodes'
import { RunStatusBadge } from '@/components/canvas/run-status-badge'
import { RunStoreContext } from '@/components/canvas/run-store-context'
import { useLiveRun } from '@/components/live/use-live-run'
import { useTRPC } from '@/components/trpc-provider'
import { nodeTypes } from './nodes/node-types'

const REFRESH_MS = 5000

/** The editor's node types with the last run's statuses laid over steps; notes stay as they are. */
export const overlayNodeTypes = overlayNodeTypesOf(nodeTypes)

/** The newest run of the workflow while the overlay is on (null: no run yet; undefined: loading or off). */
export function useLastRun(workflowId: string, enabled: boolean) {
  const trpc = useTRPC()
  const summary = useQuery({
    ...trpc.runs.workflowSummary.queryOptions({ workflowId, recent: 1 }),
    enabled,
    refetchInterval: enabled ? REFRESH_MS : false,
  })
  return enabled ? summary.data?.lastRun : undefined
}

export type LastRun = NonNullable<ReturnType<typeof useLastRun>>

/** Provides the run's live statuses to the canvas nodes beneath (an empty store when there is none). */
export function LastRunStatuses({ runId, children }: { runId: string | undefined; children: ReactNode }) {
  const { store } = useLiveRun(runId)
  return <RunStoreContext.Provider value={store}>{children}</RunStoreContext.Provider>
}

export function LastRunToggle({
  on,
  onToggle,
  run,
}: {
  on: boolean
  onToggle: () => void
  run: LastRun | null | undefined
}) {
  return (
    <div className="last-run" role="group" aria-label="Last run">
      <button
        type="button"
        aria-pressed={on}
        onClick={onToggle}
        title="Show the newest run's step statuses on the canvas"
      >
        Last run
      </button>
      {on && run === null ? <span className="muted">No runs yet</span> : null}
      {on && run ? (
        <>
          <RunStatusBadge status={run.status} />
          <Link href={`/runs/${run.id}`} className="mono">
            {run.id.slice(0, 8)}
          </Link>
          <span className="muted">v{run.workflowVersion}</span>
        </>
      ) : null}
    </div>
  )
}

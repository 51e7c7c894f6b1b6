'use client'
// Child runs in the run view: a `workflow` step's node shows its child run's status, followed
// live over the child's own /live room, and links to it; a child run's header links back up.
import Link from 'next/link'
import { createContext, useContext, useSyncExternalStore } from 'react'
import { useLiveRun } from '@/components/live/use-live-run'
import type { ExecutionStatus } from '@/server/engine/run/run-status'
import { RunStatusBadge } from '@/components/canvas/run-status-badge'
import type { RunDetail } from './use-run'

type ChildRun = RunDetail['children'][number]

/** Each `workflow` step's newest child run (a retried step starts one per attempt). */
export const ChildRunsContext = createContext<ReadonlyMap<string, ChildRun>>(new Map())

export function latestChildRuns(run: RunDetail | undefined): ReadonlyMap<string, ChildRun> {
  return new Map((run?.children ?? []).map((c) => [c.stepId, c]))
}

/** On a step node: nothing unless the step started a child run. */
export function ChildRunLink({ stepId }: { stepId: string }) {
  const child = useContext(ChildRunsContext).get(stepId)
  return child ? <LiveChildRun child={child} /> : null
}

function LiveChildRun({ child }: { child: ChildRun }) {
  const { store } = useLiveRun(child.runId)
  const status = useSyncExternalStore(
    (listener) => store.subscribeRun(listener),
    () => store.run?.status ?? child.status,
    () => child.status,
  ) as ExecutionStatus
  return (
    <div className="nodrag nopan" data-testid={`child-run-${child.stepId}`}>
      <RunStatusBadge status={status} />{' '}
      <Link href={`/runs/${child.runId}`} aria-label={`Open child run of ${child.stepId}`}>
        child run {child.runId.slice(0, 8)}
      </Link>
    </div>
  )
}

/** In a child run's header: the run and step that started it. */
export function ParentRunFacts({ parent }: { parent: RunDetail['parent'] }) {
  if (!parent) return null
  return (
    <>
      <dt>Parent run</dt>
      <dd>
        <Link href={`/runs/${parent.runId}`} aria-label="Open parent run">
          {parent.runId.slice(0, 8)}
        </Link>{' '}
        (step <span className="mono">{parent.stepId}</span>)
      </dd>
    </>
  )
}

'use client'
// One run as a table row, on /runs (and a workflow's runs page) and in the home page's recent
// runs: status with handled failures, trigger, start and duration.
import Link from 'next/link'
import type { z } from 'zod'
import type { ZRunsPageItem } from '@/server/api/routers/runs/list-runs-page.types'
import { RunOutcome } from './run-outcome'
import { elapsedMs, formatDuration } from './run-timing'

export type RunRowData = z.infer<typeof ZRunsPageItem>

/** The run's workflow, linked while it exists; a deleted one keeps its name. */
function RunWorkflowLink({ run: r }: { run: RunRowData }) {
  return r.workflowId ? (
    <Link href={`/workflows/${r.workflowId}`}>{r.workflowName || r.workflowId.slice(0, 8)}</Link>
  ) : (
    <span>
      {r.workflowName} <span className="muted">(deleted)</span>
    </span>
  )
}

/**
 * Columns Run, Status, Workflow, Trigger, Started, Duration; `compact` (the home page) has
 * Workflow, Status, Trigger, Started, Duration, the workflow's name linking to the run.
 */
export function RunRow({ run: r, compact = false }: { run: RunRowData; compact?: boolean }) {
  const version = <span className="muted">v{r.workflowVersion}</span>
  return (
    <tr data-run-id={r.id}>
      {compact ? (
        <td>
          <Link href={`/runs/${r.id}`}>{r.workflowName || r.id.slice(0, 8)}</Link> {version}
        </td>
      ) : (
        <td>
          <Link href={`/runs/${r.id}`} className="mono">
            {r.id.slice(0, 8)}
          </Link>
        </td>
      )}
      <td>
        <RunOutcome status={r.status} handledFailures={r.handledFailures} />
      </td>
      {compact ? null : (
        <td>
          <RunWorkflowLink run={r} /> {version}
        </td>
      )}
      <td>{r.trigger}</td>
      <td>{(r.startedAt ?? r.createdAt).toLocaleString()}</td>
      <td>{formatDuration(elapsedMs(r.startedAt ?? r.createdAt, r.finishedAt))}</td>
    </tr>
  )
}

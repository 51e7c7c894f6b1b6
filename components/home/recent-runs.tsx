'use client'
// The newest runs, whatever their workflow, with status and duration; kept live by the page.
import Link from 'next/link'
import { RunOutcome } from '@/components/runs/run-outcome'
import { elapsedMs, formatDuration } from '@/components/runs/run-timing'
import type { ZListRunsPageOutput } from '@/server/api/routers/runs/list-runs-page.types'
import type { z } from 'zod'
import { HomePanel } from './home-panel'

type RecentRun = z.infer<typeof ZListRunsPageOutput>['items'][number]

export function RecentRuns({ runs }: { runs: RecentRun[] | undefined }) {
  return (
    <HomePanel id="home-runs" title="Recent runs" wide aside={<Link href="/runs">All runs →</Link>}>
      <table aria-label="Recent runs">
        <thead>
          <tr>
            <th>Workflow</th>
            <th>Status</th>
            <th>Trigger</th>
            <th>Started</th>
            <th>Duration</th>
          </tr>
        </thead>
        <tbody>
          {runs?.map((r) => (
            <tr key={r.id} data-run-id={r.id}>
              <td>
                <Link href={`/runs/${r.id}`}>{r.workflowName || r.id.slice(0, 8)}</Link>{' '}
                <span className="muted">v{r.workflowVersion}</span>
              </td>
              <td>
                <RunOutcome status={r.status} handledFailures={r.handledFailures} />
              </td>
              <td>{r.trigger}</td>
              <td>{(r.startedAt ?? r.createdAt).toLocaleString()}</td>
              <td>{formatDuration(elapsedMs(r.startedAt ?? r.createdAt, r.finishedAt))}</td>
            </tr>
          ))}
          {runs?.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                No runs yet: open a workflow and run it.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </HomePanel>
  )
}

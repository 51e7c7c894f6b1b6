'use client'
// The newest runs, whatever their workflow, with status and duration; kept live by the page.
import Link from 'next/link'
import { RunRow, type RunRowData } from '@/components/runs/run-row'
import { HomePanel } from './home-panel'

export function RecentRuns({ runs }: { runs: RunRowData[] | undefined }) {
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
            <RunRow key={r.id} run={r} compact />
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

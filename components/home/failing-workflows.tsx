'use client'
// Workflows whose runs failed or timed out in the last 24 hours, most failures first, each linking
// to its newest failed run.
import Link from 'next/link'
import type { TFailingWorkflows } from '@/server/api/routers/analytics/list-failing-workflows.types'
import { HomePanel } from './home-panel'
import styles from './home.module.css'

export function FailingWorkflows({ failing }: { failing: TFailingWorkflows | undefined }) {
  return (
    <HomePanel id="home-failing" title="Failing workflows" aside={<span className="muted">last 24 h</span>}>
      {failing?.length === 0 ? <p className="muted">No run failed in the last 24 hours.</p> : null}
      <ul className={styles.list} aria-label="Failing workflows">
        {failing?.map((f) => (
          <li key={f.workflowId ?? 'deleted'} data-workflow-id={f.workflowId ?? ''}>
            <span className={styles.grow} title={f.workflowName}>
              {f.workflowId ? (
                <Link href={`/workflows/${f.workflowId}/runs`}>{f.workflowName}</Link>
              ) : (
                f.workflowName
              )}
            </span>
            <span className={styles.firing} data-failed={f.failed}>
              {f.failed} failed
            </span>
            <span className="muted">of {f.runs}</span>
            <Link
              href={`/runs/${f.lastFailedRunId}`}
              title={`Newest failure, ${f.lastFailedAt.toLocaleString()}`}
            >
              latest →
            </Link>
          </li>
        ))}
      </ul>
    </HomePanel>
  )
}

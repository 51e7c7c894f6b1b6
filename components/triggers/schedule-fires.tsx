'use client'
// A schedule's fire history, newest first: the run each fire started, fires that could not start
// a run (and why), and the occurrences skipped while no scheduler was running.
import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { useTRPC } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import { formatFireTime } from './cron-text'
import styles from './triggers.module.css'

export function ScheduleFires({ scheduleId, timezone }: { scheduleId: string; timezone: string }) {
  const trpc = useTRPC()
  const fires = useQuery(trpc.triggers.schedules.fires.queryOptions({ id: scheduleId, limit: 10 }))
  const items = fires.data?.items ?? []
  if (fires.isSuccess && items.length === 0) return <p className="muted">Has not fired yet.</p>
  return (
    <>
      <ApiError error={fires.error} />
      <table className={styles.table} aria-label="Fire history">
        <tbody>
          {items.map((f) => (
            <tr key={f.scheduledFor.getTime()}>
              <td>{formatFireTime(f.scheduledFor, timezone)}</td>
              <td>
                {f.executionId ? (
                  <Link href={`/runs/${f.executionId}`} className="mono">
                    run {f.executionId.slice(0, 8)}
                  </Link>
                ) : (
                  <span className="field-error">not started: {f.error?.message ?? f.status}</span>
                )}
                {f.missed > 0 ? (
                  <span className={styles.warning}> · {f.missed} earlier missed (not replayed)</span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

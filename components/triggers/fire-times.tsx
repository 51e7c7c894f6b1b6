'use client'
// A cron schedule in words and its next five fire times (in the schedule's own zone), or what is
// wrong with it, named by field.
import type { CronPreview } from './cron-text'
import { formatFireTime } from './cron-text'
import styles from './triggers.module.css'

export function FireTimes({ preview, timezone }: { preview: CronPreview; timezone: string }) {
  if (!preview.ok)
    return (
      <ul className="field-error" aria-label="Schedule problems">
        {preview.problems.map((p) => (
          <li key={p.field}>{p.message}</li>
        ))}
      </ul>
    )
  return (
    <>
      {preview.description ? <p aria-label="Schedule description">{preview.description}</p> : null}
      {preview.next.length === 0 ? (
        <p className="muted">No future fire time.</p>
      ) : (
        <>
          <span className="muted">
            Next {preview.next.length === 1 ? 'fire time' : `${preview.next.length} fire times`} ({timezone}):
          </span>
          <ol className={styles.times} aria-label="Next fire times">
            {preview.next.map((at) => (
              <li key={at.getTime()}>
                <time dateTime={at.toISOString()}>{formatFireTime(at, timezone)}</time>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  )
}

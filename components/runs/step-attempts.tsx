'use client'
// A step's attempts: when each started and ended, how it ended (from the run's events) and the
// devices it ran on (from the step's device commands).
import { useMemo } from 'react'
import type { RunStatusStore } from '@/components/live/run-status-store'
import { useLiveEventCount } from '@/components/live/use-live-run'
import { formatDuration } from './run-timing'
import { timelineSegments } from './timeline-layout'
import styles from './run-inspector.module.css'

type Command = { attempt: number | null; deviceId: string }

function devicesOf(commands: readonly Command[], attempt: number): string {
  const ids = [...new Set(commands.filter((c) => c.attempt === attempt).map((c) => c.deviceId))]
  if (ids.length === 0) return '-'
  return ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`
}

export function StepAttempts(props: { store: RunStatusStore; stepId: string; commands: readonly Command[] }) {
  const { store, stepId } = props
  const eventCount = useLiveEventCount(store)
  const attempts = useMemo(() => {
    const mine = store.events().filter((e) => e.stepId === stepId)
    const byAttempt = new Map<number, { attempt: number; start: number; end: number | null; outcome: string }>()
    for (const s of timelineSegments(mine)) {
      const a = byAttempt.get(s.attempt)
      if (!a) byAttempt.set(s.attempt, { attempt: s.attempt, start: s.start, end: s.end, outcome: s.outcome })
      else Object.assign(a, { end: s.end, outcome: s.outcome })
    }
    return [...byAttempt.values()]
    // eventCount is the snapshot: store.events() grows in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, stepId, eventCount])
  if (attempts.length === 0) return null
  return (
    <section aria-label="Attempts" className={styles.section}>
      <h3>Attempts</h3>
      <table className={styles.compact} aria-label="Step attempts">
        <thead>
          <tr>
            <th>#</th>
            <th>Started</th>
            <th>Took</th>
            <th>Result</th>
            <th>Device</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((a) => (
            <tr key={a.attempt}>
              <td>{a.attempt}</td>
              <td>{new Date(a.start).toLocaleTimeString()}</td>
              <td>{a.end === null ? 'going' : formatDuration(a.end - a.start)}</td>
              <td>{a.outcome === 'open' ? '…' : a.outcome}</td>
              <td className="mono">{devicesOf(props.commands, a.attempt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

'use client'
// The run's timeline (Gantt): one row per step, one bar per attempt (running, then waiting),
// drawn with CSS from the run's events; open bars grow while the run goes on.
import { useMemo } from 'react'
import type { RunStatusStore } from '@/components/live/run-status-store'
import { useLiveEventCount } from '@/components/live/use-live-run'
import { formatDuration } from './run-timing'
import { layoutTimeline, timelineSegments, type TimelineBar } from './timeline-layout'
import { useNow } from './use-now'
import styles from './run-timeline.module.css'

function describe(bar: TimelineBar, name: string, now: number): string {
  const took = formatDuration((bar.end ?? now) - bar.start)
  const how = bar.outcome === 'open' ? 'still going' : bar.outcome
  return `${name}, attempt ${bar.attempt}: ${bar.kind} ${took}, ${how}`
}

export function RunTimeline(props: {
  store: RunStatusStore
  steps: readonly { id: string; name: string }[]
  startedAt: Date | null
  isRunning: boolean
  onSelectStep: (stepId: string) => void
}) {
  const { store, steps } = props
  const eventCount = useLiveEventCount(store)
  const now = useNow(props.isRunning)
  // eventCount is the snapshot: store.events() grows in place.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const segments = useMemo(() => timelineSegments(store.events()), [store, eventCount])
  const order = useMemo(() => steps.map((s) => s.id), [steps])
  const names = useMemo(() => new Map(steps.map((s) => [s.id, s.name])), [steps])
  const lastEvent = store.events().at(-1)
  const end = props.isRunning ? now : lastEvent ? Date.parse(lastEvent.at) : now
  const layout = layoutTimeline(segments, { stepOrder: order, start: props.startedAt?.getTime(), now: end })
  if (segments.length === 0) return null
  return (
    <section className="card" aria-label="Timeline">
      <h2 className={styles.title}>Timeline</h2>
      <div className={styles.axis} aria-hidden="true">
        {layout.ticks.map((t) => (
          <span key={t.percent} style={{ left: `${t.percent}%` }}>
            {formatDuration(t.offsetMs)}
          </span>
        ))}
      </div>
      <ul className={styles.rows}>
        {layout.rows.map((row) => (
          <li key={row.stepId} className={styles.row}>
            <button type="button" className={styles.label} onClick={() => props.onSelectStep(row.stepId)} title={row.stepId}>
              {names.get(row.stepId) ?? row.stepId}
            </button>
            <div className={styles.track}>
              {row.bars.map((bar) => (
                <span
                  key={`${bar.attempt}-${bar.kind}-${bar.start}`}
                  className={`${styles.bar} ${styles[bar.kind]} ${styles[bar.outcome] ?? ''}`}
                  style={{ left: `${bar.left}%`, width: `${bar.width}%` }}
                  title={describe(bar, names.get(row.stepId) ?? row.stepId, end)}
                  aria-label={describe(bar, names.get(row.stepId) ?? row.stepId, end)}
                  role="img"
                />
              ))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}

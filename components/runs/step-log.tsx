'use client'
// A step's log: its run events and its devices' log lines, merged by time, in a windowed list
// that follows new lines until the reader scrolls up.
import { useMemo, useState } from 'react'
import type { RunStatusStore } from '@/components/live/run-status-store'
import { useLiveEventCount } from '@/components/live/use-live-run'
import { mergeLogLines, stepEventLines, type LogLine } from './step-log-lines'
import { VirtualList } from './virtual-list'
import styles from './run-inspector.module.css'

const ROW_HEIGHT = 20

function timeOf(ms: number): string {
  const d = new Date(ms)
  return `${d.toLocaleTimeString([], { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`
}

export function StepLog(props: { store: RunStatusStore; stepId: string; deviceLines: readonly LogLine[]; error: string | null }) {
  const { store, stepId, deviceLines } = props
  const eventCount = useLiveEventCount(store)
  const [follow, setFollow] = useState(true)
  // eventCount is the snapshot: store.events() grows in place.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const events = useMemo(() => stepEventLines(store.events(), stepId), [store, stepId, eventCount])
  const lines = useMemo(() => (events.length === 0 ? deviceLines : mergeLogLines(events, deviceLines)), [events, deviceLines])
  return (
    <section aria-label="Step log" className={styles.section}>
      <div className={styles.logBar}>
        <h3>
          Log <span className="muted">({lines.length.toLocaleString()} lines)</span>
        </h3>
        <label>
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
      </div>
      {props.error ? <div className="field-error">Could not load log lines: {props.error}</div> : null}
      {lines.length === 0 ? (
        <p className="muted">No log lines yet.</p>
      ) : (
        <VirtualList<LogLine>
          items={lines}
          rowHeight={ROW_HEIGHT}
          height={240}
          label="Log lines"
          follow={follow}
          onFollowChange={setFollow}
          rowKey={(line) => line.key}
          renderRow={(line) => (
            <span className={`${styles.logLine} ${styles[line.source] ?? ''}`} title={line.text}>
              <span className={styles.logTime}>{timeOf(line.at)}</span> {line.text}
            </span>
          )}
        />
      )}
    </section>
  )
}

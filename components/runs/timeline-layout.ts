// The run timeline (Gantt) from the run's events: each step's attempts as bars (running, then
// waiting for a timer or a signal), placed as percentages of the run's span so CSS draws them.
import type { LiveRunEvent } from '@/contracts/live-contract'

export type SegmentOutcome = 'succeeded' | 'failed' | 'cancelled' | 'skipped' | 'retry' | 'interrupted' | 'waiting' | 'open'

export interface TimelineSegment {
  stepId: string
  attempt: number
  kind: 'running' | 'waiting'
  outcome: SegmentOutcome
  start: number
  /** null while it goes on. */
  end: number | null
}

const CLOSING: Record<string, SegmentOutcome> = {
  'step.succeeded': 'succeeded',
  'step.failed': 'failed',
  'step.cancelled': 'cancelled',
  'step.skipped': 'skipped',
  'step.retry_scheduled': 'retry',
  'step.interrupted': 'interrupted',
}

/** Segments in event order; an open segment has `end: null`. */
export function timelineSegments(events: readonly LiveRunEvent[]): TimelineSegment[] {
  const out: TimelineSegment[] = []
  const open = new Map<string, TimelineSegment>()
  for (const event of events) {
    const stepId = event.stepId
    if (!stepId) continue
    const at = Date.parse(event.at)
    const attempt = typeof event.payload.attempt === 'number' ? event.payload.attempt : (open.get(stepId)?.attempt ?? 0)
    const current = open.get(stepId)
    const close = (outcome: SegmentOutcome) => {
      if (!current) return
      current.end = at
      current.outcome = outcome
      open.delete(stepId)
    }
    if (event.type === 'step.running') {
      close('interrupted')
      const segment: TimelineSegment = { stepId, attempt, kind: 'running', outcome: 'open', start: at, end: null }
      out.push(segment)
      open.set(stepId, segment)
    } else if (event.type === 'step.waiting') {
      close('waiting')
      const segment: TimelineSegment = { stepId, attempt, kind: 'waiting', outcome: 'open', start: at, end: null }
      out.push(segment)
      open.set(stepId, segment)
    } else {
      const outcome = CLOSING[event.type]
      if (outcome) close(outcome)
    }
  }
  return out
}

export interface TimelineBar extends TimelineSegment {
  /** Percent of the span from its start. */
  left: number
  /** Percent of the span; at least `minWidth` so instant steps stay visible. */
  width: number
}

export interface TimelineLayout {
  rows: { stepId: string; bars: TimelineBar[] }[]
  start: number
  end: number
  ticks: { percent: number; offsetMs: number }[]
}

export function layoutTimeline(
  segments: readonly TimelineSegment[],
  options: { stepOrder: readonly string[]; start?: number; now: number; minWidth?: number; ticks?: number },
): TimelineLayout {
  const minWidth = options.minWidth ?? 0.5
  const starts = segments.map((s) => s.start)
  const start = options.start ?? (starts.length > 0 ? Math.min(...starts) : options.now)
  const ends = segments.map((s) => s.end ?? options.now)
  const end = Math.max(start + 1, options.now, ...ends)
  const span = end - start
  const percent = (t: number) => ((t - start) / span) * 100
  const byStep = new Map<string, TimelineBar[]>()
  for (const s of segments) {
    const left = Math.min(100 - minWidth, Math.max(0, percent(s.start)))
    const width = Math.max(minWidth, Math.min(100 - left, percent(s.end ?? options.now) - percent(s.start)))
    byStep.set(s.stepId, [...(byStep.get(s.stepId) ?? []), { ...s, left, width }])
  }
  const order = [...options.stepOrder, ...[...byStep.keys()].filter((id) => !options.stepOrder.includes(id))]
  const tickCount = options.ticks ?? 4
  return {
    rows: order.map((stepId) => ({ stepId, bars: byStep.get(stepId) ?? [] })),
    start,
    end,
    ticks: Array.from({ length: tickCount + 1 }, (_, i) => ({ percent: (i / tickCount) * 100, offsetMs: (span * i) / tickCount })),
  }
}

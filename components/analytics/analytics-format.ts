// Display helpers for analytics: durations, rates, bucket labels and the status palette.
import { formatDurationMs, formatPercent } from '@/server/statistics/monitoring/percentiles'

export const formatMs = (ms: number | null | undefined) => (ms == null ? '—' : formatDurationMs(ms))
export const formatRate = (ratio: number | null | undefined) => (ratio == null ? '—' : formatPercent(ratio))

export function formatBucket(start: Date, bucket: 'hour' | 'day'): string {
  return bucket === 'day'
    ? start.toLocaleDateString([], { month: 'short', day: 'numeric' })
    : start.toLocaleTimeString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' })
}

/** Stacking order and colours of run statuses in the charts. */
export const STATUS_COLORS = {
  succeeded: '#16a34a',
  /** Not a status: the succeeded runs that only succeeded through failure handlers. */
  succeeded_handled: '#ca8a04',
  failed: '#dc2626',
  timed_out: '#d97706',
  cancelled: '#6b7280',
  running: '#2563eb',
  queued: '#7c3aed',
} as const

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const

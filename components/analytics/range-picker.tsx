'use client'
// The time-range picker: presets from the last hour to 90 days, kept in the URL (?range=7d).
import Link from 'next/link'
import { RANGE_PRESETS } from '@/server/statistics/analytics/analytics-window'
import styles from './analytics.module.css'

const LABELS: Record<(typeof RANGE_PRESETS)[number], string> = {
  '1h': 'Last hour',
  '6h': '6 hours',
  '24h': '24 hours',
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days',
}

export function analyticsHref(range: string, workflowId?: string): string {
  const search = new URLSearchParams({ range, ...(workflowId ? { workflowId } : {}) })
  return `/analytics?${search.toString()}`
}

export function RangePicker({ range, workflowId }: { range: string; workflowId?: string }) {
  return (
    <nav className={styles.picker} aria-label="Time range">
      {RANGE_PRESETS.map((preset) => (
        <Link key={preset} href={analyticsHref(preset, workflowId)} aria-current={preset === range ? 'true' : undefined}>
          {LABELS[preset]}
        </Link>
      ))}
    </nav>
  )
}

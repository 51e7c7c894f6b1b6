'use client'
// The nav's alert indicator: a bell with the number of firing alerts (amber when only pending),
// linking to the alerts on /monitoring. Polls every 5 s.
import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { useTRPC } from '@/components/trpc-provider'
import styles from './monitoring.module.css'

export function AlertBell() {
  const trpc = useTRPC()
  const active = useQuery({
    ...trpc.monitoring.rules.queryOptions({ activeOnly: true }),
    refetchInterval: 5000,
  })
  const alerts = active.data ?? []
  const firing = alerts.filter((a) => a.state === 'firing').length
  const count = firing || alerts.length
  const label =
    alerts.length === 0
      ? 'Alerts: none'
      : `Alerts: ${firing} firing${alerts.length > firing ? `, ${alerts.length - firing} pending` : ''}`
  return (
    <Link
      href="/monitoring#alerts"
      className={styles.bell}
      aria-label={label}
      title={label}
      data-testid="alert-bell"
    >
      <svg
        width="18"
        height="18"
        viewBox="0 0 24 24"
        aria-hidden="true"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      >
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {count > 0 ? (
        <span className={`${styles.bellCount} ${firing ? '' : styles.bellPending}`}>{count}</span>
      ) : null}
    </Link>
  )
}

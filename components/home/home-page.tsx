'use client'
// The home page answers "what is going on": the ways to start, the newest runs (live), workflows
// failing in the last 24 hours, the devices connected now (live) and the alerts pending or firing.
// Four small queries; live rooms say when to refetch, slow polls are only a fallback.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useLivePulse } from '@/components/live/use-live-pulse'
import { LiveIndicator } from '@/components/runs/live-indicator'
import { useTRPC } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import { DevicesOnline } from './devices-online'
import { FailingWorkflows } from './failing-workflows'
import { FiringAlerts } from './firing-alerts'
import styles from './home.module.css'
import { RecentRuns } from './recent-runs'
import { StartActions } from './start-actions'
import { useHomeLiveRuns } from './use-home-live-runs'

const RECENT_RUNS = { limit: 8 }
const FAILING = { range: '24h', limit: 5 }
const ALL_DEVICES = {}
/** The nav's alert bell polls the same query every 5 s, so the two never disagree. */
const ACTIVE_ALERTS = { activeOnly: true }
const FALLBACK_REFETCH_MS = 30_000

export function HomePage() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const runs = useQuery({ ...trpc.runs.page.queryOptions(RECENT_RUNS), refetchInterval: FALLBACK_REFETCH_MS })
  const failing = useQuery({
    ...trpc.analytics.failingWorkflows.queryOptions(FAILING),
    refetchInterval: FALLBACK_REFETCH_MS,
  })
  const devices = useQuery({
    ...trpc.devices.list.queryOptions(ALL_DEVICES),
    refetchInterval: FALLBACK_REFETCH_MS,
  })
  const alerts = useQuery({ ...trpc.monitoring.rules.queryOptions(ACTIVE_ALERTS), refetchInterval: 5000 })
  const live = useHomeLiveRuns(
    trpc.runs.page.queryKey(RECENT_RUNS),
    trpc.analytics.failingWorkflows.queryKey(FAILING),
  )
  useLivePulse('fleet', () => void queryClient.invalidateQueries({ queryKey: trpc.devices.list.queryKey() }))

  return (
    <>
      <div className="toolbar">
        <h1 className="grow">Relayflow</h1>
        <LiveIndicator connected={live.connected} />
      </div>
      <p className={`muted ${styles.intro}`}>
        Draw a workflow, run it durably across your fleet of devices, and watch every step live.
      </p>
      <ApiError error={runs.error ?? failing.error ?? devices.error ?? alerts.error} />
      <div className={styles.grid}>
        <StartActions />
        <RecentRuns runs={runs.data?.items} />
        <FailingWorkflows failing={failing.data} />
        <DevicesOnline devices={devices.data?.items} />
        <FiringAlerts alerts={alerts.data} />
      </div>
    </>
  )
}

'use client'
// Runs per hour or day stacked by status, and the success-rate trend. Clicking a bar segment opens
// the runs with that status in that bucket; clicking a point opens all runs of its bucket.
import { useRouter } from 'next/navigation'
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { TRunTrend } from '@/server/api/routers/analytics/get-run-trend.types'
import { formatBucket, formatRate, STATUS_COLORS } from './analytics-format'
import type { CsvColumn } from './analytics-csv'
import { CsvButton } from './csv-button'
import { runsHref, type DrillWindow } from './drill-down'
import styles from './analytics.module.css'

type Point = { label: string; start: Date; end: Date; successRate: number | null } & Record<string, unknown>
type Bucket = TRunTrend['buckets'][number]
/** How long a bucket is, as the API says: 'hour' or 'day'. */
type BucketUnit = TRunTrend['bucket']
type Series = keyof typeof STATUS_COLORS
/** Opens the runs of the clicked point's bucket, with that status when a bar segment was clicked. */
type OpenBucketRuns = (point: unknown, status?: string) => void

type Counts = { byStatus: Record<string, number>; handledSuccesses: number }

/** A bar series: a status, with succeeded split into clean successes and those with handled failures. */
function countOf(counts: Counts, series: Series): number {
  if (series === 'succeeded_handled') return counts.handledSuccesses
  if (series === 'succeeded') return (counts.byStatus.succeeded ?? 0) - counts.handledSuccesses
  return counts.byStatus[series] ?? 0
}

const SERIES_NAMES: Partial<Record<Series, string>> = {
  succeeded: 'succeeded (clean)',
  succeeded_handled: 'succeeded with handled failures',
}

export function RunTrendCharts({ trend, window }: { trend: TRunTrend; window: DrillWindow }) {
  const openBucketRuns = useOpenBucketRuns(window)
  const statuses = (Object.keys(STATUS_COLORS) as Series[]).filter((s) => countOf(trend.totals, s) > 0)
  const points: Point[] = trend.buckets.map((b) => ({
    label: formatBucket(b.start, trend.bucket),
    start: b.start,
    end: b.end,
    successRate: b.successRate,
    ...Object.fromEntries(statuses.map((s) => [s, countOf(b, s)])),
  }))
  return (
    <section className={styles.charts} aria-label="Run trends">
      <RunsByStatusCard
        per={trend.bucket}
        buckets={trend.buckets}
        points={points}
        statuses={statuses}
        onOpen={openBucketRuns}
      />
      <SuccessRateCard per={trend.bucket} points={points} onOpen={openBucketRuns} />
    </section>
  )
}

function useOpenBucketRuns(window: DrillWindow): OpenBucketRuns {
  const router = useRouter()
  return (point, status) => {
    const p = (point as { payload?: Point } | undefined)?.payload
    const asStatus = status === 'succeeded_handled' ? 'succeeded' : status
    if (p) router.push(runsHref(window, { status: asStatus, from: p.start, to: p.end }))
  }
}

function RunsByStatusCard(props: {
  per: BucketUnit
  buckets: Bucket[]
  points: Point[]
  statuses: Series[]
  onOpen: OpenBucketRuns
}) {
  const { per, points, statuses } = props
  return (
    <div className="card">
      <div className={styles.cardHeader}>
        <h2>Runs per {per} by status</h2>
        <CsvButton name="runs-by-status" rows={props.buckets} columns={runsByStatusColumns(statuses)} />
      </div>
      <div role="img" aria-label={`Runs per ${per} by status`} style={{ width: '100%', height: 220 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="label" fontSize={11} minTickGap={16} />
            <YAxis allowDecimals={false} fontSize={11} width={40} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {statuses.map((s) => (
              <Bar
                key={s}
                dataKey={s}
                name={SERIES_NAMES[s] ?? s.replace('_', ' ')}
                stackId="runs"
                fill={STATUS_COLORS[s]}
                className={styles.clickable}
                isAnimationActive={false}
                onClick={(data) => props.onOpen(data, s)}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  )
}

function runsByStatusColumns(statuses: Series[]): CsvColumn<Bucket>[] {
  return [
    { header: 'bucket start', value: (b) => b.start.toISOString() },
    { header: 'runs', value: (b) => b.total },
    ...statuses.map((s) => ({ header: SERIES_NAMES[s] ?? s, value: (b: Bucket) => countOf(b, s) })),
    { header: 'success rate', value: (b) => b.successRate },
  ]
}

function SuccessRateCard({
  per,
  points,
  onOpen,
}: {
  per: BucketUnit
  points: Point[]
  onOpen: OpenBucketRuns
}) {
  return (
    <div className="card">
      <div className={styles.cardHeader}>
        <h2>Success rate per {per}</h2>
      </div>
      <div role="img" aria-label={`Success rate per ${per}`} style={{ width: '100%', height: 220 }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="label" fontSize={11} minTickGap={16} />
            <YAxis domain={[0, 1]} tickFormatter={(v: number) => formatRate(v)} fontSize={11} width={48} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? formatRate(v) : 'no finished runs')} />
            <Line
              type="monotone"
              dataKey="successRate"
              name="Success rate"
              stroke="#16a34a"
              strokeWidth={2}
              isAnimationActive={false}
              connectNulls={false}
              activeDot={{ r: 6, className: styles.clickable, onClick: (_e, point) => onOpen(point) }}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  )
}

'use client'
// Usage patterns: a runs-by-hour-of-week heatmap, runs by trigger and the most-used workflows.
// Each cell, bar and row opens the runs behind it.
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { TUsage } from '@/server/api/routers/analytics/get-usage.types'
import { formatRate, WEEKDAYS } from './analytics-format'
import { CsvButton } from './csv-button'
import { latestHourOfWeek, runsHref, type DrillWindow } from './drill-down'
import styles from './analytics.module.css'

export function UsagePanels({ usage, window }: { usage: TUsage; window: DrillWindow }) {
  return (
    <section className={styles.charts} aria-label="Usage patterns">
      <HourOfWeekHeatmap heatmap={usage.heatmap} window={window} />
      <TriggerChart byTrigger={usage.byTrigger} window={window} />
      <TopWorkflows rows={usage.topWorkflows} window={window} />
    </section>
  )
}

function HourOfWeekHeatmap({ heatmap, window }: { heatmap: TUsage['heatmap']; window: DrillWindow }) {
  const counts = new Map(heatmap.map((c) => [`${c.weekday}/${c.hour}`, c.runs]))
  const max = Math.max(1, ...heatmap.map((c) => c.runs))
  return (
    <div className="card">
      <div className={styles.cardHeader}>
        <h2>Runs by hour of week</h2>
        <CsvButton
          name="runs-by-hour-of-week"
          rows={heatmap}
          columns={[
            { header: 'weekday', value: (c) => WEEKDAYS[c.weekday - 1] },
            { header: 'hour', value: (c) => c.hour },
            { header: 'runs', value: (c) => c.runs },
          ]}
        />
      </div>
      <div className={styles.heatmap} role="grid" aria-label="Runs by hour of week">
        {WEEKDAYS.map((day, d) => (
          <div key={day} role="row" style={{ display: 'contents' }}>
            <span className={styles.heatLabel} role="rowheader">{day}</span>
            {Array.from({ length: 24 }, (_, hour) => {
              const runs = counts.get(`${d + 1}/${hour}`) ?? 0
              const label = `${day} ${String(hour).padStart(2, '0')}:00, ${runs} runs`
              const range = runs > 0 ? latestHourOfWeek(window, d + 1, hour) : null
              const style = { background: runs > 0 ? `rgba(37, 99, 235, ${0.15 + (0.85 * runs) / max})` : '#f8fafc' }
              return range ? (
                <Link key={hour} role="gridcell" className={styles.heatCell} style={style} title={`${label} (opens the latest such hour)`}
                  aria-label={label} href={runsHref(window, range)} />
              ) : (
                <span key={hour} role="gridcell" className={styles.heatCell} style={style} title={label} aria-label={label} />
              )
            })}
          </div>
        ))}
      </div>
    </div>
  )
}

function TriggerChart({ byTrigger, window }: { byTrigger: TUsage['byTrigger']; window: DrillWindow }) {
  const router = useRouter()
  return (
    <div className="card">
      <div className={styles.cardHeader}>
        <h2>Runs by trigger</h2>
        <CsvButton
          name="runs-by-trigger"
          rows={byTrigger}
          columns={[
            { header: 'trigger', value: (t) => t.trigger },
            { header: 'runs', value: (t) => t.runs },
            { header: 'succeeded', value: (t) => t.succeeded },
            { header: 'failed', value: (t) => t.failed },
            { header: 'success rate', value: (t) => t.successRate },
          ]}
        />
      </div>
      <div role="img" aria-label="Runs by trigger" style={{ width: '100%', height: 200 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={byTrigger} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="trigger" fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} width={40} />
            <Tooltip />
            <Bar
              dataKey="runs"
              name="Runs"
              fill="#2563eb"
              className={styles.clickable}
              isAnimationActive={false}
              onClick={(data) => {
                const trigger = (data as { payload?: { trigger?: string } }).payload?.trigger
                if (trigger) router.push(runsHref(window, { trigger }))
              }}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  )
}

function TopWorkflows({ rows, window }: { rows: TUsage['topWorkflows']; window: DrillWindow }) {
  return (
    <div className="card">
      <div className={styles.cardHeader}>
        <h2>Most-used workflows</h2>
        <CsvButton
          name="most-used-workflows"
          rows={rows}
          columns={[
            { header: 'workflow', value: (w) => w.workflowName },
            { header: 'runs', value: (w) => w.runs },
            { header: 'succeeded', value: (w) => w.succeeded },
            { header: 'failed', value: (w) => w.failed },
            { header: 'success rate', value: (w) => w.successRate },
          ]}
        />
      </div>
      <table aria-label="Most-used workflows">
        <thead>
          <tr><th>Workflow</th><th className={styles.numeric}>Runs</th><th className={styles.numeric}>Failed</th><th className={styles.numeric}>Success</th></tr>
        </thead>
        <tbody>
          {rows.map((w) => (
            <tr key={w.workflowId ?? 'deleted'}>
              <td>{w.workflowId ? <Link href={runsHref(window, { workflowId: w.workflowId })}>{w.workflowName}</Link> : w.workflowName}</td>
              <td className={styles.numeric}>{w.runs}</td>
              <td className={styles.numeric}>{w.failed}</td>
              <td className={styles.numeric}>{formatRate(w.successRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="muted">No runs in this range.</p> : null}
    </div>
  )
}

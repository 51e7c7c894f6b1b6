'use client'
// Duration percentiles per workflow, the top failing steps with their error codes and the slowest
// steps. A workflow or step name opens its runs in the range (failed runs for failing steps).
import Link from 'next/link'
import { PercentileBarChart } from '@/components/charts/percentile-bar-chart'
import type { TStepReport, TStepReportRow } from '@/server/api/routers/analytics/get-step-report.types'
import type { TWorkflowDurations } from '@/server/api/routers/analytics/get-workflow-durations.types'
import { formatMs, formatRate } from './analytics-format'
import type { CsvColumn } from './analytics-csv'
import { CsvButton } from './csv-button'
import { runsHref, type DrillWindow } from './drill-down'
import styles from './analytics.module.css'

const STEP_COLUMNS: CsvColumn<TStepReportRow>[] = [
  { header: 'workflow', value: (s) => s.workflowName },
  { header: 'step', value: (s) => s.stepId },
  { header: 'name', value: (s) => s.stepName },
  { header: 'attempts ended', value: (s) => s.runs },
  { header: 'failed', value: (s) => s.failed },
  { header: 'failure rate', value: (s) => s.failureRate },
  { header: 'p50 ms', value: (s) => s.p50Ms },
  { header: 'p95 ms', value: (s) => s.p95Ms },
  { header: 'p99 ms', value: (s) => s.p99Ms },
  { header: 'error codes', value: (s) => s.errorCodes.map((c) => `${c.code}:${c.count}`).join(' ') },
]

export function WorkflowDurationsCard({ rows, window }: { rows: TWorkflowDurations; window: DrillWindow }) {
  return (
    <div className="card">
      <div className={styles.cardHeader}>
        <h2>Run duration percentiles per workflow</h2>
        <CsvButton
          name="workflow-durations"
          rows={rows}
          columns={[
            { header: 'workflow', value: (w) => w.workflowName },
            { header: 'finished runs', value: (w) => w.runs },
            { header: 'p50 ms', value: (w) => w.p50Ms },
            { header: 'p95 ms', value: (w) => w.p95Ms },
            { header: 'p99 ms', value: (w) => w.p99Ms },
            { header: 'max ms', value: (w) => w.maxMs },
          ]}
        />
      </div>
      {rows.length > 0 ? (
        <PercentileBarChart
          title="Run duration p50, p95 and p99 per workflow"
          formatValue={formatMs}
          groups={rows.slice(0, 8).map((w) => ({ label: w.workflowName, p50: w.p50Ms, p95: w.p95Ms, p99: w.p99Ms }))}
        />
      ) : null}
      <table aria-label="Run duration percentiles per workflow">
        <thead>
          <tr>
            <th>Workflow</th><th className={styles.numeric}>Runs</th><th className={styles.numeric}>p50</th>
            <th className={styles.numeric}>p95</th><th className={styles.numeric}>p99</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((w) => (
            <tr key={w.workflowId ?? 'deleted'}>
              <td>{w.workflowId ? <Link href={runsHref(window, { workflowId: w.workflowId })}>{w.workflowName}</Link> : w.workflowName}</td>
              <td className={styles.numeric}>{w.runs}</td>
              <td className={styles.numeric}>{formatMs(w.p50Ms)}</td>
              <td className={styles.numeric}>{formatMs(w.p95Ms)}</td>
              <td className={styles.numeric}>{formatMs(w.p99Ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="muted">No finished runs in this range.</p> : null}
    </div>
  )
}

export function StepTables({ report, window }: { report: TStepReport; window: DrillWindow }) {
  return (
    <>
      <div className="card">
        <div className={styles.cardHeader}>
          <h2>Top failing steps</h2>
          <CsvButton name="failing-steps" rows={report.topFailing} columns={STEP_COLUMNS} />
        </div>
        <StepTable label="Top failing steps" rows={report.topFailing} window={window} failing />
      </div>
      <div className="card">
        <div className={styles.cardHeader}>
          <h2>Slowest steps (by p95)</h2>
          <CsvButton name="slowest-steps" rows={report.slowest} columns={STEP_COLUMNS} />
        </div>
        <StepTable label="Slowest steps" rows={report.slowest} window={window} />
      </div>
    </>
  )
}

function StepTable(props: { label: string; rows: TStepReportRow[]; window: DrillWindow; failing?: boolean }) {
  if (props.rows.length === 0) return <p className="muted">{props.failing ? 'No step failed in this range.' : 'No step finished in this range.'}</p>
  return (
    <table aria-label={props.label}>
      <thead>
        <tr>
          <th>Step</th><th>Workflow</th>
          {props.failing ? <><th className={styles.numeric}>Failed</th><th className={styles.numeric}>Rate</th><th>Error codes</th></>
            : <><th className={styles.numeric}>p50</th><th className={styles.numeric}>p95</th><th className={styles.numeric}>p99</th></>}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((s) => {
          const href = runsHref(props.window, { workflowId: s.workflowId, ...(props.failing ? { status: 'failed' } : {}) })
          return (
            <tr key={`${s.workflowId ?? ''}/${s.stepId}`}>
              <td><Link href={href}>{s.stepName}</Link> {s.stepName !== s.stepId ? <code className="muted">{s.stepId}</code> : null}</td>
              <td>{s.workflowName}</td>
              {props.failing ? (
                <>
                  <td className={styles.numeric}>{s.failed} of {s.runs}</td>
                  <td className={styles.numeric}>{formatRate(s.failureRate)}</td>
                  <td><span className={styles.codes}>{s.errorCodes.map((c) => <span key={c.code} className="badge">{c.code} × {c.count}</span>)}</span></td>
                </>
              ) : (
                <>
                  <td className={styles.numeric}>{formatMs(s.p50Ms)}</td>
                  <td className={styles.numeric}>{formatMs(s.p95Ms)}</td>
                  <td className={styles.numeric}>{formatMs(s.p99Ms)}</td>
                </>
              )}
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

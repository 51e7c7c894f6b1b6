// `relayflow analyze` without a workflow: the whole system over a range, from the analytics
// reports (run totals, top failing and slowest steps, busiest devices, suggestions).
import type { ApiClient } from '../api-client'
import type { Output } from '../output'
import { renderTable } from '../text-table'
import { formatDuration } from '../time-format'

const ms = (value: number | null) => (value === null ? '-' : formatDuration(value))
const percent = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`)
const TOP = 5

export async function printSystemReport(api: ApiClient, out: Output, range: string): Promise<void> {
  const input = { range }
  const [trend, steps, devices, suggestions] = await Promise.all([
    api.analytics.runTrend.query(input),
    api.analytics.steps.query(input),
    api.analytics.devices.query(input),
    api.analytics.suggestions.query(input),
  ])
  if (out.json) {
    out.value({ range, runs: trend.totals, steps, devices, suggestions })
    return
  }
  const byStatus = Object.entries(trend.totals.byStatus)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ')
  out.line(`All workflows, last ${range}`)
  out.line(`Runs      ${trend.totals.runs}${byStatus ? `: ${byStatus}` : ''} (success rate ${percent(trend.totals.successRate)})`)
  const stepRows = (rows: typeof steps.slowest) =>
    rows.slice(0, TOP).map((s) => [s.workflowName, s.stepId, String(s.runs), percent(s.failureRate), ms(s.p50Ms), ms(s.p95Ms), ms(s.p99Ms), s.errorCodes.map((e) => `${e.code}×${e.count}`).join(' ')])
  const stepHeader = ['WORKFLOW', 'STEP', 'RUNS', 'FAILED', 'P50', 'P95', 'P99', 'ERRORS']
  if (steps.topFailing.length > 0) out.line(`\nTop failing steps\n${renderTable(stepHeader, stepRows(steps.topFailing))}`)
  if (steps.slowest.length > 0) out.line(`\nSlowest steps\n${renderTable(stepHeader, stepRows(steps.slowest))}`)
  if (devices.length > 0)
    out.line(
      `\nDevices\n${renderTable(
        ['DEVICE', 'COMMANDS', 'FAILED', 'P50', 'P95', 'TOP ERROR'],
        devices.slice(0, TOP).map((d) => [d.deviceName, String(d.commands), percent(d.failureRate), ms(d.p50Ms), ms(d.p95Ms), d.topErrorCode ?? '-']),
      )}`,
    )
  for (const suggestion of suggestions) out.line(`Suggest   ${suggestion.message}`)
  if (trend.totals.runs === 0) out.line('\nNo runs in this range.')
}

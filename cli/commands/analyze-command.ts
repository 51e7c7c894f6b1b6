// `relayflow analyze [<workflow>]`: for one workflow, per-step latency and failure figures over a
// time range, the slowest steps, anomalies and optimization suggestions (monitoring.analyzeWorkflow);
// without one, the whole system's report (system-report.ts).
import { EXIT_OK } from '../cli-errors'
import type { CommandSpec } from '../command-spec'
import { resolveWorkflow } from '../resolve-workflow'
import { renderTable } from '../text-table'
import { formatDuration } from '../time-format'
import { printSystemReport } from './system-report'

const ms = (value: number | null) => (value === null ? '-' : formatDuration(value))
const percent = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`)

export const analyzeCommand: CommandSpec = {
  name: 'analyze',
  summary: 'Analyze the system or one workflow: runs, step latency, failures, anomalies and suggestions',
  positional: {
    name: 'workflow',
    description: 'the workflow id or exact name (omit it for every workflow)',
    alias: 'workflow',
    optional: true,
  },
  options: {
    range: {
      type: 'string',
      valueName: '<duration>',
      description: 'How far back to look, e.g. 1h, 24h, 7d (default 24h)',
    },
    'time-range': { type: 'string', valueName: '<duration>', description: 'The same as --range' },
    'workflow-id': { type: 'string', valueName: '<id>', description: 'The same as --workflow' },
  },
  examples: [
    'relayflow analyze --range 24h',
    'relayflow analyze "Nightly backup" --range 7d',
    'npm run workflow:analyze -- --time-range=1h',
    'npm run cli -- analyze --workflow-id=<id> --json',
  ],
  async run({ target, values, api, out }) {
    const range = [values.range, values['time-range']].find((v) => typeof v === 'string') ?? '24h'
    const named = target || (typeof values['workflow-id'] === 'string' ? values['workflow-id'].trim() : '')
    if (!named) {
      await printSystemReport(api, out, range)
      return EXIT_OK
    }
    const workflow = await resolveWorkflow(api, named)
    const report = await api.monitoring.analyzeWorkflow.query({ workflowId: workflow.id, range })
    if (out.json) {
      out.value(report)
      return EXIT_OK
    }
    const byStatus = Object.entries(report.runs.byStatus)
      .map(([status, n]) => `${n} ${status}`)
      .join(', ')
    out.line(`Workflow  ${report.workflowName} (v${report.version}), last ${range}`)
    out.line(`Runs      ${report.runs.total}${byStatus ? `: ${byStatus}` : ''}`)
    if (report.steps.length > 0) {
      out.line()
      out.line(
        renderTable(
          ['STEP', 'TYPE', 'RUNS', 'FAILED', 'P50', 'P95', 'P99', 'RETRIED'],
          report.steps.map((s) => [
            s.stepId,
            s.type,
            String(s.runs),
            percent(s.failureRate),
            ms(s.p50Ms),
            ms(s.p95Ms),
            ms(s.p99Ms),
            String(s.retried),
          ]),
        ),
      )
    }
    if (report.slowestSteps.length > 0) out.line(`\nSlowest   ${report.slowestSteps.join(', ')}`)
    for (const anomaly of report.anomalies) out.line(`Anomaly   ${anomaly.explanation}`)
    for (const suggestion of report.suggestions) out.line(`Suggest   ${suggestion.message}`)
    if (report.anomalies.length === 0 && report.suggestions.length === 0)
      out.line('\nNo anomalies or suggestions.')
    return EXIT_OK
  },
}

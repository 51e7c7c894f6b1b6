// `relayflow workflow-status <workflow>`: the latest version, run counts by status, the last and recent runs.
import { EXIT_OK } from '../cli-errors'
import { integerOption } from '../command-line'
import type { CommandSpec } from '../command-spec'
import { resolveWorkflow } from '../resolve-workflow'
import { renderTable } from '../text-table'
import { elapsedMs, formatDuration, formatTime } from '../time-format'

export const workflowStatusCommand: CommandSpec = {
  name: 'workflow-status',
  summary: 'Summarise a workflow: latest version, run counts by status, recent runs',
  positional: { name: 'workflow', description: 'the workflow id or exact name', alias: 'workflow-id' },
  options: {
    recent: {
      type: 'string',
      valueName: '<n>',
      description: 'How many recent runs to list (default 10, at most 100)',
    },
  },
  examples: [
    'npm run workflow:status -- --workflow-id=<id>',
    'relayflow workflow-status "Nightly backup" --json',
  ],
  async run({ target, values, api, out }) {
    const recent = integerOption(values, 'recent', 'workflow-status', { min: 1, max: 100 }) ?? 10
    const workflow = await resolveWorkflow(api, target)
    const summary = await api.runs.workflowSummary.query({ workflowId: workflow.id, recent })
    if (out.json) {
      out.value({ workflow, ...summary })
      return EXIT_OK
    }
    const counts = Object.entries(summary.counts)
      .sort(([, a], [, b]) => b - a)
      .map(([status, n]) => `${n} ${status}`)
      .join(', ')
    const last = summary.lastRun
    out.line(`Workflow  ${workflow.name} (${workflow.id})`)
    out.line(`Latest    v${workflow.latestVersion}`)
    out.line(`Runs      ${summary.total} total${counts ? `: ${counts}` : ''}`)
    out.line(
      `Last run  ${last ? `${last.id} ${last.status} at ${formatTime(last.startedAt ?? last.createdAt)}` : 'none yet'}`,
    )
    if (summary.recent.length === 0) return EXIT_OK
    out.line()
    out.line(
      renderTable(
        ['RUN', 'STATUS', 'VERSION', 'TRIGGER', 'STARTED', 'DURATION'],
        summary.recent.map((r) => [
          r.id,
          r.status,
          `v${r.workflowVersion}`,
          r.trigger,
          formatTime(r.startedAt ?? r.createdAt),
          formatDuration(elapsedMs(r.startedAt ?? r.createdAt, r.finishedAt)),
        ]),
      ),
    )
    return EXIT_OK
  },
}

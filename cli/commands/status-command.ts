// `relayflow status <run>`: the run's status, workflow, duration and a table of its steps.
import { EXIT_OK } from '../cli-errors'
import type { CommandSpec } from '../command-spec'
import { renderRunReport, runReportJson } from '../run-report'

export const statusCommand: CommandSpec = {
  name: 'status',
  summary: "Show a run's status, workflow, duration and steps",
  positional: { name: 'run', description: 'the run id', alias: 'execution-id' },
  options: {},
  examples: ['relayflow status 3f1e…-uuid', 'relayflow status 3f1e…-uuid --json'],
  async run({ target, api, out }) {
    const run = await api.runs.get.query({ id: target })
    if (out.json) out.value(runReportJson(run))
    else out.line(renderRunReport(run))
    return EXIT_OK
  },
}

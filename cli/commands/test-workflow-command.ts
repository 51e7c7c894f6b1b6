// `relayflow test-workflow <workflow>`: runs it, waits, and reports every step; exit 1 unless it succeeded.
import { EXIT_FAILED, EXIT_OK } from '../cli-errors'
import { integerOption, listOption, stringOption } from '../command-line'
import type { CommandSpec } from '../command-spec'
import { resolveWorkflow } from '../resolve-workflow'
import { renderRunReport, runReportJson } from '../run-report'
import { collectRunInputs } from '../run-inputs'
import { waitForRunEnd } from '../wait-for-run'

export const testWorkflowCommand: CommandSpec = {
  name: 'test-workflow',
  summary: 'Run a workflow, wait for it, and report every step; exit 1 if it did not succeed',
  positional: { name: 'workflow', description: 'the workflow id or exact name', alias: 'workflow-id' },
  options: {
    input: {
      type: 'string',
      multiple: true,
      valueName: '<name=value>',
      description: 'A run input; the value is JSON when it parses, else a string',
    },
    'input-file': {
      type: 'string',
      valueName: '<file.json>',
      description: 'Run inputs from a JSON object file (--input overrides)',
    },
    version: { type: 'string', valueName: '<n>', description: 'Test this version instead of the latest' },
    timeout: { type: 'string', valueName: '<seconds>', description: 'Give up after this long (default 600)' },
  },
  examples: ['npm run test:workflow -- --workflow-id=<id> --input version=1.2.0'],
  async run({ target, values, api, out }) {
    const version = integerOption(values, 'version', 'test-workflow', { min: 1 })
    const timeoutSeconds = integerOption(values, 'timeout', 'test-workflow', { min: 1 }) ?? 600
    const inputs = await collectRunInputs(
      { file: stringOption(values, 'input-file'), pairs: listOption(values, 'input') },
      'test-workflow',
    )
    const workflow = await resolveWorkflow(api, target)
    const { executionId } = await api.runs.start.mutate({ workflowId: workflow.id, version, inputs })
    if (!out.json) out.note(`Started run ${executionId} of ${workflow.name}; waiting for it to end…`)
    const run = await waitForRunEnd(api, executionId, { timeoutMs: timeoutSeconds * 1000 })
    const passed = run.status === 'succeeded'
    if (out.json) {
      out.value({ passed, ...runReportJson(run) })
    } else {
      out.line(renderRunReport(run))
      out.line()
      out.line(
        passed
          ? `PASS  ${workflow.name}: run ${run.id} succeeded.`
          : `FAIL  ${workflow.name}: run ${run.id} ${run.status}.`,
      )
    }
    return passed ? EXIT_OK : EXIT_FAILED
  },
}

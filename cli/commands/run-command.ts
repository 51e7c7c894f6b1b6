// `relayflow run <workflow>`: starts a run with inputs; with --wait, follows it to the end.
import { EXIT_FAILED, EXIT_OK } from '../cli-errors'
import { flagOption, integerOption, listOption, stringOption } from '../command-line'
import type { CommandSpec } from '../command-spec'
import { handledFailuresText, hasHandledFailures } from '@/components/runs/handled-failures'
import { readRunError } from '@/components/runs/run-error'
import { resolveWorkflow } from '../resolve-workflow'
import { collectRunInputs } from '../run-inputs'
import { elapsedMs, formatDuration } from '../time-format'
import { waitForRunEnd } from '../wait-for-run'

export const runCommand: CommandSpec = {
  name: 'run',
  summary: 'Start a run of a workflow (by id or name) and print its run id',
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
    version: { type: 'string', valueName: '<n>', description: 'Run this version instead of the latest' },
    wait: { type: 'boolean', description: 'Wait for the run to end; exit 0 if it succeeded, 1 if not' },
    timeout: {
      type: 'string',
      valueName: '<seconds>',
      description: 'With --wait: stop waiting after this long (exit 1)',
    },
  },
  examples: [
    'relayflow run "Nightly backup" --input host=db1 --input retries=3',
    'relayflow run 0b6c…-uuid --input-file inputs.json --wait',
  ],
  async run({ target, values, api, out }) {
    const version = integerOption(values, 'version', 'run', { min: 1 })
    const timeoutSeconds = integerOption(values, 'timeout', 'run', { min: 1 })
    const inputs = await collectRunInputs(
      { file: stringOption(values, 'input-file'), pairs: listOption(values, 'input') },
      'run',
    )
    const workflow = await resolveWorkflow(api, target)
    const { executionId } = await api.runs.start.mutate({ workflowId: workflow.id, version, inputs })
    if (!flagOption(values, 'wait')) {
      if (out.json) out.value({ executionId, workflowId: workflow.id })
      else out.line(executionId)
      return EXIT_OK
    }
    if (!out.json) out.line(executionId)
    const run = await waitForRunEnd(api, executionId, {
      timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
    })
    const durationMs = elapsedMs(run.startedAt ?? run.createdAt, run.finishedAt)
    const error = readRunError(run.error)
    if (out.json) {
      out.value({
        executionId,
        workflowId: workflow.id,
        status: run.status,
        handledFailures: run.handledFailures,
        durationMs,
        error,
      })
    } else {
      const handled = hasHandledFailures(run) ? ` ${handledFailuresText(run.handledFailures)}` : ''
      out.line(`Run ${executionId} ${run.status}${handled} in ${formatDuration(durationMs)}.`)
      if (error) out.line(`${error.code}: ${error.message}`)
    }
    return run.status === 'succeeded' ? EXIT_OK : EXIT_FAILED
  },
}

// `relayflow status <run>`: the run's status, workflow, duration and a table of its steps.
import { EXIT_OK } from '../cli-errors'
import type { CommandSpec } from '../command-spec'
import { isTerminalExecutionStatus } from '@/server/engine/run/run-status'
import type { ApiClient } from '../api-client'
import { renderRunReport, runReportJson, type StepNotes } from '../run-report'

export const statusCommand: CommandSpec = {
  name: 'status',
  summary: "Show a run's status, workflow, duration and steps",
  positional: { name: 'run', description: 'the run id', alias: 'execution-id' },
  options: {},
  examples: ['relayflow status 3f1e…-uuid', 'relayflow status 3f1e…-uuid --json'],
  async run({ target, api, out }) {
    const run = await api.runs.get.query({ id: target })
    const notes = isTerminalExecutionStatus(run.status)
      ? new Map<string, string>()
      : await waitingNotes(api, target)
    if (out.json) out.value(runReportJson(run, new Date(), notes))
    else out.line(renderRunReport(run, new Date(), notes))
    return EXIT_OK
  },
}

/** The last `step.awaiting_device` of each step whose attempt has no later status event. */
async function waitingNotes(api: ApiClient, runId: string): Promise<StepNotes> {
  const notes = new Map<string, string>()
  for (let afterSeq = 0; ;) {
    const page = await api.runs.events.query({ id: runId, afterSeq, limit: 1000 })
    for (const event of page.events) {
      afterSeq = event.seq
      if (!event.stepId) continue
      const reason = (event.payload as { reason?: unknown } | null)?.reason
      if (event.type === 'step.awaiting_device' && typeof reason === 'string') notes.set(event.stepId, reason)
      else notes.delete(event.stepId)
    }
    if (page.events.length === 0 || afterSeq >= page.lastSeq) return notes
  }
}

// A run as text (header plus a table of its steps) and as JSON, for `status` and `test-workflow`.
import { readRunError } from '@/components/runs/run-error'
import { handledFailuresText, hasHandledFailures } from '@/components/runs/handled-failures'
import { clip, renderTable } from './text-table'
import { elapsedMs, formatDuration, formatTime } from './time-format'
import type { RunDetail } from './wait-for-run'

/** Step id → why its running attempt waits ("waiting for a device: …"), from the run's events. */
export type StepNotes = ReadonlyMap<string, string>

export function renderRunReport(
  run: RunDetail,
  now: Date = new Date(),
  notes: StepNotes = new Map(),
): string {
  const error = readRunError(run.error)
  const header: [string, string][] = [
    ['Run', run.id],
    ['Status', hasHandledFailures(run) ? `succeeded ${handledFailuresText(run.handledFailures)}` : run.status],
    [
      'Workflow',
      `${run.definition.name} v${run.workflowVersion}${run.workflowId ? ` (${run.workflowId})` : ''}`,
    ],
    ['Trigger', run.trigger],
    ['Started', formatTime(run.startedAt ?? run.createdAt)],
    ['Finished', formatTime(run.finishedAt)],
    ['Duration', formatDuration(elapsedMs(run.startedAt ?? run.createdAt, run.finishedAt, now))],
  ]
  if (run.rerunOf) header.push(['Rerun of', run.rerunOf])
  if (run.parent) header.push(['Parent run', `${run.parent.runId} (step ${run.parent.stepId})`])
  if (error) header.push(['Error', `${error.code}: ${error.message}`])
  const width = Math.max(...header.map(([label]) => label.length))
  const steps = renderTable(
    ['STEP', 'STATUS', 'ATTEMPTS', 'DURATION', 'ERROR'],
    run.steps.map((s) => {
      const stepError = readRunError(s.error)
      return [
        s.stepId,
        s.status,
        String(s.attempt),
        formatDuration(elapsedMs(s.startedAt, s.finishedAt, now)),
        stepError && s.status !== 'succeeded' ? clip(`${stepError.code}: ${stepError.message}`, 100) : '',
      ]
    }),
  )
  const waiting = run.steps.flatMap((s) => {
    const note = s.status === 'running' ? notes.get(s.stepId) : undefined
    return note ? [`${s.stepId}: ${note}`] : []
  })
  const children = [...latestChildren(run)].map(([stepId, c]) => `${stepId}: child run ${c.runId} (${c.status})`)
  return [
    ...header.map(([label, value]) => `${label.padEnd(width)}  ${value}`),
    '',
    steps,
    ...(waiting.length > 0 ? ['', ...waiting] : []),
    ...(children.length > 0 ? ['', ...children] : []),
  ].join('\n')
}

/** Each `workflow` step's newest child run (a retried step starts one per attempt). */
function latestChildren(run: RunDetail): Map<string, RunDetail['children'][number]> {
  return new Map(run.children.map((c) => [c.stepId, c]))
}

/** The run without its workflow document, with durations in milliseconds. */
export function runReportJson(run: RunDetail, now: Date = new Date(), notes: StepNotes = new Map()) {
  const children = latestChildren(run)
  return {
    id: run.id,
    status: run.status,
    handledFailures: run.handledFailures,
    workflowId: run.workflowId,
    workflowName: run.definition.name,
    workflowVersion: run.workflowVersion,
    trigger: run.trigger,
    inputs: run.inputs,
    rerunOf: run.rerunOf,
    parent: run.parent,
    outputs: run.outputs,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: elapsedMs(run.startedAt ?? run.createdAt, run.finishedAt, now),
    error: readRunError(run.error),
    steps: run.steps.map((s) => ({
      stepId: s.stepId,
      status: s.status,
      attempts: s.attempt,
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
      durationMs: elapsedMs(s.startedAt, s.finishedAt, now),
      error: readRunError(s.error),
      ...(s.status === 'running' && notes.has(s.stepId) ? { waitingFor: notes.get(s.stepId) } : {}),
      ...(children.has(s.stepId) ? { childRunId: children.get(s.stepId)?.runId } : {}),
      output: s.output,
    })),
  }
}

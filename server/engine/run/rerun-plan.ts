// Which results a rerun keeps. Everything a rerun executes again is decided again, and so is
// everything behind it: handlers, always-edges and joins after a re-executed step run or are
// skipped according to its new outcome, never kept from the old one.
import { WorkflowError } from '../errors'
import type { CompiledRun } from './compiled-run'
import type { StepStatus } from './run-status'

export interface OriginalStepResult {
  stepId: string
  /** The step's type in the original run's definition. */
  type: string | undefined
  status: StepStatus
  output: unknown
}

export interface KeptStep {
  status: 'succeeded'
  output: unknown
  conditionResult?: boolean | undefined
}

/** A rerun redrives a run that did not succeed; a succeeded run only reruns the steps named. */
export function checkRerunnable(
  runId: string,
  status: string,
  fromSteps: readonly string[] | undefined,
): void {
  if (status === 'running' || status === 'queued') {
    throw new WorkflowError(
      'conflict',
      `Run ${runId} is still ${status}; cancel it or wait for it to end before rerunning.`,
    )
  }
  if (status === 'succeeded' && (fromSteps ?? []).length === 0) {
    throw new WorkflowError(
      'conflict',
      `Run ${runId} succeeded, so there is nothing to rerun; name the steps to run again with fromSteps, or start a new run.`,
    )
  }
}

function descendantsOf(run: CompiledRun, from: Iterable<string>): Set<string> {
  const seen = new Set(from)
  const queue = [...seen]
  for (let head = 0; head < queue.length; head++) {
    for (const edge of run.graph.outgoing.get(queue[head] as string) ?? []) {
      if (seen.has(edge.to)) continue
      seen.add(edge.to)
      queue.push(edge.to)
    }
  }
  return seen
}

/** The branch a condition step chose, read from its output. */
export function conditionResultOf(output: unknown): boolean | undefined {
  const result =
    output && typeof output === 'object' ? (output as { result?: unknown }).result : undefined
  return typeof result === 'boolean' ? result : undefined
}

/**
 * The results a rerun of `original` on `run` (the definition it will execute) keeps: succeeded
 * steps that are neither in `fromSteps` nor behind a step that executes again. A step executes
 * again when it did not succeed and was not merely skipped (failed, cancelled, or new in this
 * version), or when `fromSteps` names it. A step skipped before is decided again from what is kept.
 */
export function planRerunKeeps(
  run: CompiledRun,
  original: readonly OriginalStepResult[],
  fromSteps: readonly string[] = [],
): Map<string, KeptStep> {
  const before = new Map(original.map((row) => [row.stepId, row]))
  const reexecuted = new Set(fromSteps)
  for (const stepId of run.graph.stepIds) {
    const row = before.get(stepId)
    const sameType = row !== undefined && row.type === run.steps.get(stepId)?.type
    if (!sameType || (row.status !== 'succeeded' && row.status !== 'skipped')) reexecuted.add(stepId)
  }
  const redo = descendantsOf(run, reexecuted)
  const kept = new Map<string, KeptStep>()
  for (const stepId of run.graph.stepIds) {
    const row = before.get(stepId)
    if (!row || row.status !== 'succeeded' || redo.has(stepId)) continue
    kept.set(stepId, {
      status: 'succeeded',
      output: row.output,
      conditionResult: row.type === 'condition' ? conditionResultOf(row.output) : undefined,
    })
  }
  return kept
}

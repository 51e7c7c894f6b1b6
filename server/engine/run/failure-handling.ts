// When a failed step's failure counts as handled. Catch, not finally: a failure is handled only when
// a step on one of its `failure` edges actually ran. An `always` edge runs its step whatever happened
// but handles nothing, and a failure-edge successor that was skipped handled nothing either.
import type { CompiledRun } from './compiled-run'
import type { StepStatus } from './run-status'

/** `undecided`: some handler is still pending, so whether it will run is not known yet. */
export type FailureHandling = 'handled' | 'unhandled' | 'undecided'

type StatusOf = (stepId: string) => StepStatus | undefined

/** A handler ran once its join said run: it is ready, running, waiting, or finished with a result. */
function hasRun(status: StepStatus): boolean {
  return (
    status === 'ready' ||
    status === 'running' ||
    status === 'waiting' ||
    status === 'succeeded' ||
    status === 'failed'
  )
}

export function failureHandling(run: CompiledRun, statusOf: StatusOf, stepId: string): FailureHandling {
  let undecided = false
  for (const edge of run.graph.outgoing.get(stepId) ?? []) {
    if (edge.kind !== 'failure') continue
    const status = statusOf(edge.to)
    if (status === undefined) continue
    if (hasRun(status)) return 'handled'
    if (status === 'pending') undecided = true
  }
  return undecided ? 'undecided' : 'unhandled'
}

export interface FailureTally {
  /** Failed steps no handler ran for (nor will: every handler was skipped or cancelled). */
  unhandled: string[]
  /** Failed steps a handler ran for. */
  handled: number
}

export function tallyFailures(
  run: CompiledRun,
  states: ReadonlyMap<string, { status: StepStatus }>,
): FailureTally {
  const statusOf: StatusOf = (id) => states.get(id)?.status
  const tally: FailureTally = { unhandled: [], handled: 0 }
  for (const [stepId, snapshot] of states) {
    if (snapshot.status !== 'failed') continue
    const handling = failureHandling(run, statusOf, stepId)
    if (handling === 'handled') tally.handled++
    else if (handling === 'unhandled') tally.unhandled.push(stepId)
  }
  return tally
}

export function hasUnhandledFailure(
  run: CompiledRun,
  states: ReadonlyMap<string, { status: StepStatus }>,
): boolean {
  const statusOf: StatusOf = (id) => states.get(id)?.status
  for (const [stepId, snapshot] of states)
    if (snapshot.status === 'failed' && failureHandling(run, statusOf, stepId) === 'unhandled') return true
  return false
}

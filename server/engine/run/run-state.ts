// The run state machine: from the step statuses of one execution and one event, decide every
// transition that follows (successors readied or skipped, the rest cancelled) and whether the run
// is over. Pure: the runner loads state, calls these, and persists the result in one transaction.
import { decideJoin, type IncomingEdgeState, type SourceOutcome } from '../workflow-graph'
import type { CompiledRun } from './compiled-run'
import { hasUnhandledFailure, tallyFailures } from './failure-handling'
import { isTerminalStepStatus, type StepStatus, type TerminalExecutionStatus } from './run-status'

export interface StepSnapshot {
  status: StepStatus
  /** For a condition step that succeeded: which branch it chose. */
  conditionResult?: boolean | undefined
}

export type StepStates = ReadonlyMap<string, StepSnapshot>

export type TransitionReason =
  | 'run_started' // a root step at the start of a run
  | 'join_satisfied' // every incoming edge decided and the join says run
  | 'branch_not_taken' // the join says skip: no taken edge, or an untaken edge under join all
  | 'run_failed' // fail-fast: an unhandled failure (or a fail step) ended the run
  | 'run_cancelled'
  | 'run_timed_out'

export interface StepTransition {
  stepId: string
  from: StepStatus
  to: StepStatus
  reason: TransitionReason
}

export interface RunEnd {
  status: Exclude<TerminalExecutionStatus, 'cancelled' | 'timed_out'>
  /** Failed steps no failure-edge handler ran for. */
  failedSteps: string[]
  /** Failed steps a failure-edge handler ran for: a run can succeed with these, but says so. */
  handledFailures: number
}

export interface Decision {
  states: Map<string, StepSnapshot>
  transitions: StepTransition[]
  /** Set when this event ended the run. */
  end?: RunEnd
}

export type StepOutcome = { status: 'succeeded'; conditionResult?: boolean } | { status: 'failed' }

function sourceOutcome(snapshot: StepSnapshot | undefined): SourceOutcome | undefined {
  if (!snapshot || !isTerminalStepStatus(snapshot.status)) return undefined
  return snapshot.conditionResult === undefined
    ? { status: snapshot.status }
    : { status: snapshot.status, conditionResult: snapshot.conditionResult }
}

function setStatus(decision: Decision, stepId: string, to: StepStatus, reason: TransitionReason): void {
  const current = decision.states.get(stepId)
  const from = current?.status ?? 'pending'
  if (from === to) return
  decision.states.set(stepId, { ...current, status: to })
  decision.transitions.push({ stepId, from, to, reason })
}

/** Whether a step has an `always` edge whose source finished (succeeded or failed): a finally step. */
function hasTakenAlwaysEdge(run: CompiledRun, states: StepStates, stepId: string): boolean {
  return (run.graph.incoming.get(stepId) ?? []).some((edge) => {
    const source = states.get(edge.from)?.status
    return edge.kind === 'always' && (source === 'succeeded' || source === 'failed')
  })
}

/**
 * Decides every pending step reachable from `changed` whose incoming edges are all decided:
 * ready when the join says run, skipped (and propagated further) when it says skip. While the run
 * is `failing` (fail-fast after an unhandled failure) only finally steps may still start: every
 * other decided step is cancelled instead.
 */
function propagate(run: CompiledRun, decision: Decision, changed: readonly string[], failing = false): void {
  const queue = changed.flatMap((id) => (run.graph.outgoing.get(id) ?? []).map((edge) => edge.to))
  for (let head = 0; head < queue.length; head++) {
    const stepId = queue[head] as string
    if (decision.states.get(stepId)?.status !== 'pending') continue
    const incoming: IncomingEdgeState[] = (run.graph.incoming.get(stepId) ?? []).map((edge) => ({
      kind: edge.kind,
      source: sourceOutcome(decision.states.get(edge.from)),
    }))
    const join = decideJoin(run.steps.get(stepId) ?? {}, incoming)
    if (join === 'wait') continue
    if (join === 'run' && (!failing || hasTakenAlwaysEdge(run, decision.states, stepId)))
      setStatus(decision, stepId, 'ready', 'join_satisfied')
    else {
      if (failing) setStatus(decision, stepId, 'cancelled', 'run_failed')
      else setStatus(decision, stepId, 'skipped', 'branch_not_taken')
      for (const edge of run.graph.outgoing.get(stepId) ?? []) queue.push(edge.to)
    }
  }
}

function isFailing(run: CompiledRun, states: StepStates): boolean {
  return run.failFast && hasUnhandledFailure(run, states)
}

/**
 * Fail-fast after an unhandled failure: the run will fail, so every unfinished step is cancelled
 * except finally steps (readied by an `always` edge), which still run, as do the `always` edges
 * after them. The run ends once they are done. Idempotent: a second call changes nothing.
 */
function stopForFailure(run: CompiledRun, decision: Decision): void {
  const cancelled: string[] = []
  for (const [stepId, snapshot] of decision.states) {
    const isLive = snapshot.status === 'ready' || snapshot.status === 'running' || snapshot.status === 'waiting'
    if (!isLive || hasTakenAlwaysEdge(run, decision.states, stepId)) continue
    setStatus(decision, stepId, 'cancelled', 'run_failed')
    cancelled.push(stepId)
  }
  propagate(run, decision, cancelled, true)
}

function isSettled(states: StepStates): boolean {
  for (const snapshot of states.values()) if (!isTerminalStepStatus(snapshot.status)) return false
  return true
}

/** Every non-terminal step becomes cancelled (pending, ready, waiting and running alike). */
function cancelRemaining(decision: Decision, reason: TransitionReason): void {
  for (const [stepId, snapshot] of decision.states) {
    if (!isTerminalStepStatus(snapshot.status)) setStatus(decision, stepId, 'cancelled', reason)
  }
}

function endRun(run: CompiledRun, decision: Decision): void {
  const tally = tallyFailures(run, decision.states)
  decision.end = {
    status: tally.unhandled.length > 0 ? 'failed' : 'succeeded',
    failedSteps: tally.unhandled,
    handledFailures: tally.handled,
  }
}

function finish(run: CompiledRun, decision: Decision): Decision {
  if (isSettled(decision.states)) endRun(run, decision)
  return decision
}

function startDecision(states: StepStates): Decision {
  return { states: new Map(states), transitions: [] }
}

/** A new run: every step pending, then roots ready. */
export function planRunStart(run: CompiledRun): Decision {
  const states = new Map<string, StepSnapshot>(run.graph.stepIds.map((id) => [id, { status: 'pending' }]))
  const decision = startDecision(states)
  for (const root of run.graph.roots) setStatus(decision, root, 'ready', 'run_started')
  return decision
}

/**
 * A run continuing from kept results (rerun): steps given as terminal stay so, every other step is
 * pending, and whatever the kept results already decide is readied or skipped.
 */
export function planRunResume(run: CompiledRun, kept: StepStates): Decision {
  const states = new Map<string, StepSnapshot>(
    run.graph.stepIds.map((id) => [id, kept.get(id) ?? { status: 'pending' }]),
  )
  const decision = startDecision(states)
  for (const root of run.graph.roots)
    if (states.get(root)?.status === 'pending') setStatus(decision, root, 'ready', 'run_started')
  propagate(
    run,
    decision,
    [...kept.keys()].filter((id) => states.has(id)),
  )
  return finish(run, decision)
}

/** A step reached a terminal outcome (after its retries): decide successors and the run's end. */
export function onStepFinished(
  run: CompiledRun,
  states: StepStates,
  stepId: string,
  outcome: StepOutcome,
): Decision {
  const decision = startDecision(states)
  const current = decision.states.get(stepId)
  if (!current || isTerminalStepStatus(current.status)) return decision
  decision.states.set(
    stepId,
    outcome.status === 'succeeded' && outcome.conditionResult !== undefined
      ? { status: 'succeeded', conditionResult: outcome.conditionResult }
      : { status: outcome.status },
  )
  // The step's own change is the caller's to record; `transitions` lists only its consequences.
  if (outcome.status === 'failed' && run.steps.get(stepId)?.type === 'fail') {
    // A fail step ends the run at once, whatever errorHandling says (Step Functions' Fail state).
    cancelRemaining(decision, 'run_failed')
    endRun(run, decision)
    return decision
  }
  propagate(run, decision, [stepId], isFailing(run, decision.states))
  if (isFailing(run, decision.states)) stopForFailure(run, decision)
  return finish(run, decision)
}

/** Cancel or time out a run: every step not yet finished is cancelled. */
export function onRunStopped(states: StepStates, why: 'cancelled' | 'timed_out'): Decision {
  const decision = startDecision(states)
  cancelRemaining(decision, why === 'cancelled' ? 'run_cancelled' : 'run_timed_out')
  return decision
}

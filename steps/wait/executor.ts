// `wait`: the first attempt parks the step as a timer row (duration, until) or a signal wait;
// when the timer comes due the row is claimed again and the wait ends. Deadlines live in `input`,
// so a runner that crashes mid-wait does not restart the clock. The step's own `timeout` bounds
// the whole wait like any attempt: at `timeoutAt` the step fails with a retryable `timeout`.
import { formatDuration, parseDuration } from '@/server/engine/duration'
import { isJsonObject } from '@/server/engine/json-value'
import { renderTemplate } from '@/server/engine/templating'
import { isIsoTimestamp } from './definition'
import { failureFromError, type StepExecution, type StepExecutor, type StepResult } from '@/server/runner/executors/step-executor'

type WaitStep = Extract<Parameters<StepExecutor>[0]['step'], { type: 'wait' }>
type WaitExecution = StepExecution<WaitStep>

export interface WaitInput {
  wakeAt?: string
  signal?: string
  /** When a signal wait gives up (`wait.timeout`). */
  deadline?: string
  prompt?: string
  /** When the attempt times out (the step's `timeout`). */
  timeoutAt?: string
}

export const executeWait: StepExecutor<WaitStep> = (execution) => Promise.resolve(decideWait(execution))

const isDue = (at: string | undefined, now: Date): at is string => at !== undefined && new Date(at) <= now
const earliest = (a: string | undefined, b: string | undefined) => (a && b ? (a < b ? a : b) : (a ?? b))

function timedOut(execution: WaitExecution): StepResult {
  return {
    kind: 'failed',
    error: {
      code: 'timeout',
      message: `Step "${execution.step.id}" did not finish within ${formatDuration(execution.timeoutMs ?? 0)}.`,
      retryable: true,
    },
  }
}

function decideWait(execution: WaitExecution): StepResult {
  const now = execution.now()
  const parked: WaitInput | undefined = isJsonObject(execution.claim.input)
    ? execution.claim.input
    : undefined
  const timeoutAt =
    parked !== undefined
      ? parked.timeoutAt
      : execution.timeoutMs !== undefined
        ? new Date(now.getTime() + execution.timeoutMs).toISOString()
        : undefined
  return execution.step.wait.kind === 'signal'
    ? decideSignal(execution, now, parked, timeoutAt)
    : decideTimer(execution, now, parked, timeoutAt)
}

function decideSignal(
  execution: WaitExecution,
  now: Date,
  parked: WaitInput | undefined,
  timeoutAt: string | undefined,
): StepResult {
  const spec = execution.step.wait
  if (spec.kind !== 'signal') throw new Error('decideSignal needs a signal wait')
  const deadline =
    parked?.deadline ??
    (spec.timeout !== undefined ? new Date(now.getTime() + parseDuration(spec.timeout)).toISOString() : undefined)
  // Whichever limit comes first decides; the signal's own deadline is final, the step timeout retries.
  if (isDue(deadline, now) && (timeoutAt === undefined || deadline <= timeoutAt)) {
    return {
      kind: 'failed',
      error: { code: 'timeout', message: `No "${spec.signal}" signal arrived before ${deadline}.`, retryable: false },
    }
  }
  if (isDue(timeoutAt, now)) return timedOut(execution)
  let prompt = parked?.prompt
  if (prompt === undefined && spec.prompt) {
    try {
      const rendered = renderTemplate(spec.prompt, execution.context)
      prompt = typeof rendered === 'string' ? rendered : JSON.stringify(rendered)
    } catch (error) {
      return failureFromError(error, 'Could not render wait.prompt')
    }
  }
  const input: WaitInput = {
    signal: spec.signal,
    ...(deadline ? { deadline } : {}),
    ...(prompt !== undefined ? { prompt } : {}),
    ...(timeoutAt ? { timeoutAt } : {}),
  }
  const wakeUp = earliest(deadline, timeoutAt)
  return { kind: 'waiting', runAt: wakeUp ? new Date(wakeUp) : null, input: { ...input } }
}

function decideTimer(
  execution: WaitExecution,
  now: Date,
  parked: WaitInput | undefined,
  timeoutAt: string | undefined,
): StepResult {
  const spec = execution.step.wait
  let wakeAt = parked?.wakeAt
  if (wakeAt === undefined) {
    if (spec.kind === 'duration') wakeAt = new Date(now.getTime() + parseDuration(spec.duration)).toISOString()
    else if (spec.kind === 'until') {
      try {
        const rendered = renderTemplate(spec.until, execution.context)
        if (typeof rendered !== 'string' || !isIsoTimestamp(rendered)) {
          return {
            kind: 'failed',
            error: {
              code: 'invalid_wait',
              message: `wait.until must yield an ISO-8601 timestamp, got ${JSON.stringify(rendered)}.`,
              retryable: false,
            },
          }
        }
        wakeAt = new Date(rendered).toISOString()
      } catch (error) {
        return failureFromError(error, 'Could not render wait.until')
      }
    } else throw new Error('decideTimer needs a duration or until wait')
  }
  if (isDue(wakeAt, now) && (timeoutAt === undefined || wakeAt <= timeoutAt))
    return { kind: 'succeeded', output: { waitedUntil: wakeAt } }
  if (isDue(timeoutAt, now)) return timedOut(execution)
  const wakeUp = earliest(wakeAt, timeoutAt) ?? wakeAt
  return { kind: 'waiting', runAt: new Date(wakeUp), input: { wakeAt, ...(timeoutAt ? { timeoutAt } : {}) } }
}

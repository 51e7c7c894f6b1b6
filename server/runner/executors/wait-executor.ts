// `wait`: the first attempt parks the step as a timer row (duration, until) or a signal wait;
// when the timer comes due the row is claimed again and the wait ends. Deadlines live in `input`,
// so a runner that crashes mid-wait does not restart the clock.
import { parseDuration } from '@/server/engine/duration'
import { isJsonObject } from '@/server/engine/json-value'
import { renderTemplate } from '@/server/engine/templating'
import { isIsoTimestamp } from '@/server/engine/steps/wait-step'
import { failureFromError, type StepExecutor } from './step-executor'

type WaitStep = Extract<Parameters<StepExecutor>[0]['step'], { type: 'wait' }>

export interface WaitInput {
  wakeAt?: string
  signal?: string
  deadline?: string
  prompt?: string
}

export const executeWait: StepExecutor<WaitStep> = (execution) => Promise.resolve(decideWait(execution))

function decideWait(execution: Parameters<StepExecutor<WaitStep>>[0]) {
  const spec = execution.step.wait
  const now = execution.now()
  const parked: WaitInput | undefined = isJsonObject(execution.claim.input)
    ? execution.claim.input
    : undefined
  if (spec.kind === 'signal') {
    if (parked?.deadline && new Date(parked.deadline) <= now) {
      return {
        kind: 'failed' as const,
        error: {
          code: 'timeout',
          message: `No "${spec.signal}" signal arrived before ${parked.deadline}.`,
          retryable: false,
        },
      }
    }
    const deadline =
      parked?.deadline ??
      (spec.timeout !== undefined
        ? new Date(now.getTime() + parseDuration(spec.timeout)).toISOString()
        : undefined)
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
    }
    return { kind: 'waiting' as const, runAt: deadline ? new Date(deadline) : null, input: { ...input } }
  }
  let wakeAt = parked?.wakeAt
  if (wakeAt === undefined) {
    if (spec.kind === 'duration')
      wakeAt = new Date(now.getTime() + parseDuration(spec.duration)).toISOString()
    else {
      try {
        const rendered = renderTemplate(spec.until, execution.context)
        if (typeof rendered !== 'string' || !isIsoTimestamp(rendered)) {
          return {
            kind: 'failed' as const,
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
    }
  }
  if (new Date(wakeAt) <= now) return { kind: 'succeeded' as const, output: { waitedUntil: wakeAt } }
  return { kind: 'waiting' as const, runAt: new Date(wakeAt), input: { wakeAt } }
}

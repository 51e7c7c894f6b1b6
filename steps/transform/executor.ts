// `transform`: computes the output map in-process (no device). An output over the step output
// limit fails the step rather than being replaced by a truncation note later steps would read.
import { decideTransform } from '@/server/engine/run/transform-output'
import { MAX_STEP_OUTPUT_BYTES } from '@/server/runner/step-result'
import { failureFromError, type StepExecutor, type StepResult } from '@/server/runner/executors/step-executor'

type TransformStep = Extract<Parameters<StepExecutor>[0]['step'], { type: 'transform' }>

export const executeTransform: StepExecutor<TransformStep> = (execution) => {
  let result: StepResult
  try {
    const decision = decideTransform(execution.step, execution.context, MAX_STEP_OUTPUT_BYTES)
    result = decision.ok
      ? { kind: 'succeeded', output: decision.output }
      : { kind: 'failed', error: decision.error }
  } catch (error) {
    result = failureFromError(error, `Step "${execution.step.id}" could not compute its output`)
  }
  return Promise.resolve(result)
}

// `condition`: evaluate the CEL expression; the boolean picks the true or false edges.
import { evaluateCondition } from '@/server/engine/expressions'
import { failureFromError, type StepExecutor } from '@/server/runner/executors/step-executor'

type ConditionStep = Extract<Parameters<StepExecutor>[0]['step'], { type: 'condition' }>

export const executeCondition: StepExecutor<ConditionStep> = (execution) => {
  try {
    const result = evaluateCondition(execution.step.expression, execution.context)
    return Promise.resolve({ kind: 'succeeded', output: { result }, conditionResult: result })
  } catch (error) {
    return Promise.resolve(failureFromError(error, `Condition "${execution.step.expression}" failed`))
  }
}

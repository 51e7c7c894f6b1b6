// One executor per step type; the switch ends in assertNever so a new step type cannot be forgotten.
import { assertNever } from '@/server/engine/errors'
import { executeCommand } from './command-executor'
import { executeCondition } from './condition-executor'
import { executeFail } from './fail-executor'
import { executeParallel } from './parallel-executor'
import type { StepExecution, StepResult } from './step-executor'
import { executeTransform } from './transform-executor'
import { executeWait } from './wait-executor'
import { executeWebhook } from './webhook-executor'

export function executeStep(execution: StepExecution): Promise<StepResult> {
  const step = execution.step
  switch (step.type) {
    case 'command':
      return executeCommand({ ...execution, step })
    case 'condition':
      return executeCondition({ ...execution, step })
    case 'parallel':
      return executeParallel({ ...execution, step })
    case 'wait':
      return executeWait({ ...execution, step })
    case 'webhook':
      return executeWebhook({ ...execution, step })
    case 'transform':
      return executeTransform({ ...execution, step })
    case 'fail':
      return executeFail({ ...execution, step })
    default:
      return assertNever(step, 'step type')
  }
}

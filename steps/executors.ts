// The runner's executor registry: one executor per step type, from each type's executor.ts.
// Kept apart from the pure registry so engine and editor code never load runner code; the
// mapped type makes a missing entry a compile error.
import type { StepExecution, StepExecutor, StepResult } from '@/server/runner/executors/step-executor'
import { executeCommand } from './command/executor'
import { executeCondition } from './condition/executor'
import { executeFail } from './fail/executor'
import { executeParallel } from './parallel/executor'
import type { StepType, TWorkflowStep } from './registry'
import { executeTransform } from './transform/executor'
import { executeWait } from './wait/executor'
import { executeWebhook } from './webhook/executor'
import { executeWorkflow } from './workflow/executor'

type ExecutorRegistry = { [T in StepType]: StepExecutor<Extract<TWorkflowStep, { type: T }>> }

const executors: ExecutorRegistry = {
  command: executeCommand,
  condition: executeCondition,
  parallel: executeParallel,
  wait: executeWait,
  webhook: executeWebhook,
  transform: executeTransform,
  workflow: executeWorkflow,
  fail: executeFail,
}

export function executeStep(execution: StepExecution): Promise<StepResult> {
  const executor = executors[execution.step.type] as StepExecutor
  return executor(execution)
}

// What executing one step attempt means, whatever its type: given the step and a way to render
// its templates, produce a result. Executors never throw for step failures; they return them.
import type { DeviceDriver, DeviceWait } from '../ports'
import type { ExpressionContext } from '@/server/engine/expressions'
import type { CompiledRun } from '@/server/engine/run/compiled-run'
import type { TWorkflowStep } from '@/steps/registry'
import { TemplateError } from '@/server/engine/templating'
import { WorkflowError } from '@/server/engine/errors'
import type { ClaimedStep } from '../step-queue'
import type { StepResult } from './attempt-result'

export type { StepResult }

export interface StepExecution<T extends TWorkflowStep = TWorkflowStep> {
  step: T
  run: CompiledRun
  claim: ClaimedStep
  /** Unique per attempt; devices apply a command id once. */
  commandId: string
  context: ExpressionContext
  signal: AbortSignal
  timeoutMs: number | undefined
  now: () => Date
  devices: DeviceDriver
  /** Records that the attempt waits for a device (once per reason per attempt), so the run says why it is not moving. */
  onDeviceWait: (wait: DeviceWait) => void
}

export type StepExecutor<T extends TWorkflowStep = TWorkflowStep> = (
  execution: StepExecution<T>,
) => Promise<StepResult>

/** Template and expression errors are the workflow's fault: another attempt cannot help. */
export function failureFromError(error: unknown, what: string): StepResult {
  if (
    error instanceof TemplateError ||
    (error instanceof WorkflowError && error.code === 'expression_error')
  ) {
    return {
      kind: 'failed',
      error: { code: error.code, message: `${what}: ${error.message}`, retryable: false },
    }
  }
  return {
    kind: 'failed',
    error: {
      code: 'internal_error',
      message: `${what}: ${error instanceof Error ? error.message : String(error)}`,
      retryable: true,
    },
  }
}

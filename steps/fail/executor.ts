// `fail`: render the error code and message and fail the step, which ends the run (never retried).
import { renderTemplate } from '@/server/engine/templating'
import { MAX_FAIL_CODE_LENGTH, MAX_FAIL_MESSAGE_LENGTH } from './definition'
import { failureFromError, type StepExecution, type StepExecutor, type StepResult } from '@/server/runner/executors/step-executor'

type FailStep = Extract<Parameters<StepExecutor>[0]['step'], { type: 'fail' }>

function renderText(template: string, execution: StepExecution<FailStep>, limit: number): string {
  const rendered = renderTemplate(template, execution.context)
  const text = (typeof rendered === 'string' ? rendered : JSON.stringify(rendered)).trim()
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text
}

export const executeFail: StepExecutor<FailStep> = (execution) => {
  let result: StepResult
  try {
    const code = renderText(execution.step.error.code, execution, MAX_FAIL_CODE_LENGTH)
    const message = renderText(execution.step.error.message, execution, MAX_FAIL_MESSAGE_LENGTH)
    result = {
      kind: 'failed',
      error: { code: code === '' ? 'workflow_failed' : code, message: message === '' ? code : message, retryable: false },
    }
  } catch (error) {
    result = failureFromError(error, `Could not render the error of fail step "${execution.step.id}"`)
    // Even a broken template must end the run as the author meant: failed, not retried.
    if (result.kind === 'failed') result.error.retryable = false
  }
  return Promise.resolve(result)
}

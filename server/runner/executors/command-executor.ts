// `command`: render params and target, dispatch to a device through the driver.
import { isJsonObject } from '@/server/engine/json-value'
import type { TDeviceTarget } from '@/server/engine/device-target'
import { renderParams } from '@/server/engine/templating'
import { failureFromError, type StepExecutor } from './step-executor'

type CommandStep = Extract<Parameters<StepExecutor>[0]['step'], { type: 'command' }>

export const executeCommand: StepExecutor<CommandStep> = async (execution) => {
  const { step } = execution
  let params: Record<string, unknown>
  let target: TDeviceTarget | undefined
  try {
    const rendered = renderParams(step.params ?? {}, execution.context)
    params = isJsonObject(rendered) ? rendered : {}
    target =
      step.target === undefined ? undefined : (renderParams(step.target, execution.context) as TDeviceTarget)
  } catch (error) {
    return failureFromError(error, 'Could not render the step parameters')
  }
  const result = await execution.devices.dispatch({
    commandId: execution.commandId,
    action: step.action,
    params,
    target,
    timeoutMs: execution.timeoutMs,
    signal: execution.signal,
  })
  if (result.ok) return { kind: 'succeeded', output: result.output ?? null }
  return { kind: 'failed', error: result.error }
}

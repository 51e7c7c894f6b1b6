// `command`: render params and target (a target built from run data is checked here), dispatch to
// a device through the driver, which waits for a capable device up to the placement timeout.
import { isJsonObject } from '@/server/engine/json-value'
import type { TDeviceTarget } from '@/server/engine/device-target'
import { placementTimeoutMs, renderTarget } from '@/server/engine/placement'
import { renderParams } from '@/server/engine/templating'
import { failureFromError, type StepExecutor } from '@/server/runner/executors/step-executor'

type CommandStep = Extract<Parameters<StepExecutor>[0]['step'], { type: 'command' }>

export const executeCommand: StepExecutor<CommandStep> = async (execution) => {
  const { step } = execution
  let params: Record<string, unknown>
  let target: TDeviceTarget | undefined
  try {
    const rendered = renderParams(step.params ?? {}, execution.context)
    params = isJsonObject(rendered) ? rendered : {}
    target = renderTarget(step.target, execution.context)
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
    placementTimeoutMs: placementTimeoutMs(step, execution.run.definition),
    onWaiting: execution.onDeviceWait,
  })
  if (result.ok) return { kind: 'succeeded', output: result.output ?? null }
  return { kind: 'failed', error: result.error }
}

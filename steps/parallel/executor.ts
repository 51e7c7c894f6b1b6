// `parallel`: one branch per matching device or per item, at most maxConcurrency at once; the
// step fails when more branches fail than the failure tolerance allows. Runs inside one attempt.
// Over items, params and target are rendered per item (item, index, inputs, ...); over devices, a
// target that matches no device fails the step with no_capable_device unless allowEmpty is set.
import type { ExpressionContext } from '@/server/engine/expressions'
import { isJsonObject } from '@/server/engine/json-value'
import type { TDeviceTarget } from '@/server/engine/device-target'
import { describeNeed, placementTimeoutMs, renderTarget } from '@/server/engine/placement'
import { renderParams, renderTemplate } from '@/server/engine/templating'
import type { StepError } from '@/server/engine/run/run-status'
import { failureFromError, type StepExecution, type StepExecutor, type StepResult } from '@/server/runner/executors/step-executor'

type ParallelStep = Extract<Parameters<StepExecutor>[0]['step'], { type: 'parallel' }>

interface Branch {
  key: string
  item?: unknown
  index: number
  /** Over devices: the device. Over items: rendered per branch from the step's target. */
  deviceId?: string
}

interface BranchResult {
  key: string
  ok: boolean
  output?: unknown
  error?: StepError
  deviceId?: string
}

export const MAX_PARALLEL_BRANCHES = 10_000

export const executeParallel: StepExecutor<ParallelStep> = async (execution) => {
  const { step } = execution
  let branches: Branch[]
  try {
    branches = await planBranches(execution)
  } catch (error) {
    return failureFromError(error, 'Could not plan the branches')
  }
  if (execution.signal.aborted) throw execution.signal.reason
  if (branches.length === 0 && step.over === 'devices' && step.allowEmpty !== true)
    return noDeviceMatched(execution)
  if (branches.length > MAX_PARALLEL_BRANCHES) {
    return {
      kind: 'failed',
      error: {
        code: 'too_many_branches',
        message: `${branches.length} branches is more than the ${MAX_PARALLEL_BRANCHES} allowed.`,
        retryable: false,
      },
    }
  }
  const results: BranchResult[] = new Array<BranchResult>(branches.length)
  let next = 0
  const worker = async () => {
    for (let i = next++; i < branches.length; i = next++)
      results[i] = await runBranch(execution, branches[i] as Branch)
  }
  const width = Math.min(step.maxConcurrency ?? branches.length, branches.length)
  await Promise.all(Array.from({ length: width }, worker))
  if (execution.signal.aborted) throw execution.signal.reason
  const failed = results.filter((r) => !r.ok).length
  const tolerated = toleratedFailures(step, branches.length)
  const output = { total: branches.length, succeeded: branches.length - failed, failed, tolerated, results }
  if (failed <= tolerated) return { kind: 'succeeded', output }
  const firstError = results.find((r) => !r.ok)?.error
  return {
    kind: 'failed',
    output,
    error: {
      code: 'branches_failed',
      message: `${failed} of ${branches.length} branches failed, more than the ${tolerated} tolerated${firstError ? ` (first: ${firstError.message})` : ''}.`,
      retryable: results.some((r) => !r.ok && r.error?.retryable),
    },
  }
}

function toleratedFailures(step: ParallelStep, total: number): number {
  const tolerance = step.failureTolerance
  if (!tolerance) return 0
  return 'count' in tolerance ? tolerance.count : Math.floor((tolerance.percent / 100) * total)
}

async function planBranches(execution: StepExecution<ParallelStep>): Promise<Branch[]> {
  const { step } = execution
  if (step.over === 'items') {
    const items = typeof step.items === 'string' ? renderTemplate(step.items, execution.context) : step.items
    if (!Array.isArray(items))
      throw new TypeError(`"items" must yield a list, got ${items === null ? 'null' : typeof items}`)
    return items.map((item: unknown, index) => ({ key: String(index), item, index }))
  }
  const target = renderTarget(step.target, execution.context)
  const search = { target, action: step.action, timeoutMs: execution.timeoutMs, signal: execution.signal }
  const devices = execution.devices.awaitDevices
    ? await execution.devices.awaitDevices({
        ...search,
        placementTimeoutMs: step.allowEmpty ? 0 : placementTimeoutMs(step, execution.run.definition),
        onWaiting: execution.onDeviceWait,
      })
    : execution.devices.matchDevices(target, step.action)
  return devices.map((device, index) => ({ key: device.id, index, deviceId: device.id }))
}

/** A fan-out over devices that found none: a typo in a tag must not look like success. */
function noDeviceMatched(execution: StepExecution<ParallelStep>): StepResult {
  const { step } = execution
  let need = describeNeed(step.action, step.target)
  try {
    need = describeNeed(step.action, renderTarget(step.target, execution.context))
  } catch {
    // planBranches rendered it already; the unrendered target still says what was asked
  }
  return {
    kind: 'failed',
    output: { total: 0, succeeded: 0, failed: 0, tolerated: 0, results: [] },
    error: {
      code: 'no_capable_device',
      message: `No online device offers ${need}, so the fan-out over devices has no branch. Check the target's tags and the Devices page, or set "allowEmpty": true when no devices is fine.`,
      retryable: true,
    },
  }
}

async function runBranch(execution: StepExecution<ParallelStep>, branch: Branch): Promise<BranchResult> {
  if (execution.signal.aborted)
    return {
      key: branch.key,
      ok: false,
      error: { code: 'aborted', message: 'Stopped before it started.', retryable: true },
    }
  let params: Record<string, unknown>
  let target: TDeviceTarget | undefined
  try {
    const context: ExpressionContext =
      execution.step.over === 'items'
        ? { ...execution.context, item: branch.item, index: branch.index }
        : execution.context
    const rendered = renderParams(execution.step.params ?? {}, context)
    params = isJsonObject(rendered) ? rendered : {}
    target =
      branch.deviceId !== undefined
        ? { deviceId: branch.deviceId }
        : renderTarget(execution.step.target, context)
  } catch (error) {
    const failure = failureFromError(error, `Branch ${branch.key}`)
    return { key: branch.key, ok: false, error: failure.kind === 'failed' ? failure.error : undefined }
  }
  const result = await execution.devices.dispatch({
    commandId: `${execution.commandId}:${branch.key}`,
    action: execution.step.action,
    params,
    target,
    timeoutMs: execution.timeoutMs,
    signal: execution.signal,
    placementTimeoutMs: placementTimeoutMs(execution.step, execution.run.definition),
    onWaiting: execution.onDeviceWait,
  })
  return result.ok
    ? { key: branch.key, ok: true, output: result.output, deviceId: result.deviceId }
    : {
        key: branch.key,
        ok: false,
        error: result.error,
        ...(result.deviceId ? { deviceId: result.deviceId } : {}),
      }
}

// `parallel`: one branch per matching device or per item, at most maxConcurrency at once; the
// step fails when more branches fail than the failure tolerance allows. Runs inside one attempt.
import { isJsonObject } from '@/server/engine/json-value'
import type { TDeviceTarget } from '@/server/engine/device-target'
import { renderParams, renderTemplate } from '@/server/engine/templating'
import type { StepError } from '@/server/engine/run/run-status'
import { failureFromError, type StepExecution, type StepExecutor } from './step-executor'

type ParallelStep = Extract<Parameters<StepExecutor>[0]['step'], { type: 'parallel' }>

interface Branch {
  key: string
  item?: unknown
  index: number
  target: TDeviceTarget | undefined
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
    branches = planBranches(execution)
  } catch (error) {
    return failureFromError(error, 'Could not plan the branches')
  }
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

function planBranches(execution: StepExecution<ParallelStep>): Branch[] {
  const { step } = execution
  if (step.over === 'items') {
    const items = typeof step.items === 'string' ? renderTemplate(step.items, execution.context) : step.items
    if (!Array.isArray(items))
      throw new TypeError(`"items" must yield a list, got ${items === null ? 'null' : typeof items}`)
    return items.map((item: unknown, index) => ({ key: String(index), item, index, target: step.target }))
  }
  return execution.devices
    .matchDevices(step.target, step.action)
    .map((device, index) => ({ key: device.id, index, target: { deviceId: device.id } }))
}

async function runBranch(execution: StepExecution<ParallelStep>, branch: Branch): Promise<BranchResult> {
  if (execution.signal.aborted)
    return {
      key: branch.key,
      ok: false,
      error: { code: 'aborted', message: 'Stopped before it started.', retryable: true },
    }
  let params: Record<string, unknown>
  try {
    const context =
      execution.step.over === 'items'
        ? { ...execution.context, item: branch.item, index: branch.index }
        : execution.context
    const rendered = renderParams(execution.step.params ?? {}, context)
    params = isJsonObject(rendered) ? rendered : {}
  } catch (error) {
    const failure = failureFromError(error, `Branch ${branch.key}`)
    return { key: branch.key, ok: false, error: failure.kind === 'failed' ? failure.error : undefined }
  }
  const result = await execution.devices.dispatch({
    commandId: `${execution.commandId}:${branch.key}`,
    action: execution.step.action,
    params,
    target: branch.target,
    timeoutMs: execution.timeoutMs,
    signal: execution.signal,
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

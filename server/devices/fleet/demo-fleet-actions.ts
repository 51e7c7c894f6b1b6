// The actions a demo device can run. echo, sleep and http.request are the agent's own built-ins
// (agent/actions), run the way an agent runs them: params parsed by the action's schema, failures
// reported as the action's code; the demo adds its device id to echo and sleep outputs. system.info
// describes the simulated device (not this host), and fail exists only on demo devices, for testing.
import { abortableDelay, ActionError, eraseParamsType, type ActionContext, type ActionDefinition } from '@/agent/action-types'
import { echoAction, sleepAction } from '@/agent/actions/basic-actions'
import { httpRequestAction } from '@/agent/actions/http-request'
import { describeIssues } from '@/contracts/device-protocol'
import type { StepError } from '@/server/engine/run/run-status'
import { abortedError } from '../device-driver'
import type { DeviceInfo, DispatchRequest } from '@/server/runner/ports'

type ActionResult = { ok: true; output: unknown } | { ok: false; error: StepError }

/** Agent built-ins a demo device offers, and whether its output names the device. */
const AGENT_ACTIONS = new Map<string, { action: ActionDefinition; tagsDevice: boolean }>([
  ['echo', { action: eraseParamsType(echoAction), tagsDevice: true }],
  ['sleep', { action: eraseParamsType(sleepAction), tagsDevice: true }],
  ['http.request', { action: eraseParamsType(httpRequestAction), tagsDevice: false }],
])

export async function runDemoAction(
  device: DeviceInfo,
  latencyMs: number,
  request: DispatchRequest,
): Promise<ActionResult> {
  const { params, signal } = request
  if (!(await abortableDelay(latencyMs, signal))) return { ok: false, error: abortedError(signal) }
  const builtin = AGENT_ACTIONS.get(request.action)
  if (builtin) return runAgentAction(device, builtin.action, builtin.tagsDevice, request)
  switch (request.action) {
    case 'system.info':
      return {
        ok: true,
        output: { deviceId: device.id, name: device.name, tags: device.tags, platform: 'demo', load: device.load },
      }
    case 'fail':
      return { ok: false, error: demoFailure(params) }
    default:
      return {
        ok: false,
        error: {
          code: 'unknown_action',
          message: `Device ${device.id} does not support "${request.action}".`,
          retryable: false,
        },
      }
  }
}

function demoFailure(params: Record<string, unknown>): StepError {
  return {
    code: typeof params.code === 'string' ? params.code : 'demo_failure',
    message: typeof params.message === 'string' ? params.message : 'The demo device failed on purpose (action "fail").',
    retryable: params.retryable !== false,
  }
}

async function runAgentAction(
  device: DeviceInfo,
  action: ActionDefinition,
  tagsDevice: boolean,
  request: DispatchRequest,
): Promise<ActionResult> {
  const parsed = action.schema.safeParse(request.params)
  if (!parsed.success)
    return {
      ok: false,
      error: {
        code: 'invalid_params',
        message: `Invalid params for "${action.name}": ${describeIssues(parsed.error)}`,
        retryable: false,
      },
    }
  const context: ActionContext = {
    commandId: request.commandId,
    signal: request.signal,
    timeoutMs: request.timeoutMs ?? null,
    log: () => {},
    progress: () => {},
  }
  try {
    const output: unknown = await action.handler(parsed.data, context)
    return { ok: true, output: tagsDevice ? { ...(output as object), deviceId: device.id } : output }
  } catch (error) {
    if (request.signal.aborted) return { ok: false, error: abortedError(request.signal) }
    if (error instanceof ActionError)
      return { ok: false, error: { code: error.code, message: error.message, retryable: error.retryable } }
    return { ok: false, error: { code: 'action_failed', message: String(error), retryable: true } }
  }
}

// The actions a demo device can run: system.info, echo, sleep, http.request and fail (for testing).
import { abortedError, type DeviceInfo, type DispatchRequest } from './device-driver'
import type { StepError } from '@/server/engine/run/run-status'

type ActionResult = { ok: true; output: unknown } | { ok: false; error: StepError }

const MAX_HTTP_BODY = 64 * 1024

function delay(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!signal.aborted)
  return new Promise((resolve) => {
    const done = (completed: boolean) => {
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
      resolve(completed)
    }
    const onAbort = () => done(false)
    const timer = setTimeout(() => done(true), ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

export async function runDemoAction(
  device: DeviceInfo,
  latencyMs: number,
  request: DispatchRequest,
): Promise<ActionResult> {
  const { params, signal } = request
  if (!(await delay(latencyMs, signal))) return { ok: false, error: abortedError(signal) }
  switch (request.action) {
    case 'echo':
      return { ok: true, output: { ...params, deviceId: device.id } }
    case 'system.info':
      return {
        ok: true,
        output: {
          deviceId: device.id,
          name: device.name,
          tags: device.tags,
          platform: 'demo',
          load: device.load,
        },
      }
    case 'sleep': {
      const ms = typeof params.ms === 'number' ? params.ms : 1000
      if (!(await delay(ms, signal))) return { ok: false, error: abortedError(signal) }
      return { ok: true, output: { sleptMs: ms, deviceId: device.id } }
    }
    case 'fail':
      return {
        ok: false,
        error: {
          code: typeof params.code === 'string' ? params.code : 'demo_failure',
          message:
            typeof params.message === 'string'
              ? params.message
              : 'The demo device failed on purpose (action "fail").',
          retryable: params.retryable !== false,
        },
      }
    case 'http.request':
      return httpRequest(params, signal)
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

async function httpRequest(params: Record<string, unknown>, signal: AbortSignal): Promise<ActionResult> {
  if (typeof params.url !== 'string')
    return {
      ok: false,
      error: {
        code: 'invalid_params',
        message: 'http.request needs a "url" string param.',
        retryable: false,
      },
    }
  try {
    const response = await fetch(params.url, {
      method: typeof params.method === 'string' ? params.method : 'GET',
      signal,
    })
    const text = await response.text()
    return {
      ok: true,
      output: {
        status: response.status,
        body: text.slice(0, MAX_HTTP_BODY),
        truncated: text.length > MAX_HTTP_BODY,
      },
    }
  } catch (error) {
    if (signal.aborted) return { ok: false, error: abortedError(signal) }
    return {
      ok: false,
      error: {
        code: 'http_error',
        message: `Request to ${params.url} failed: ${String(error)}`,
        retryable: true,
      },
    }
  }
}

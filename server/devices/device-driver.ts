// How a device driver reports a dispatch its signal stopped. The DeviceDriver interface itself is
// the runner's port (server/runner/ports.ts); the gateway driver and the demo fleet implement it.
import type { StepError } from '@/server/engine/run/run-status'

/** The error for a dispatch stopped by its signal; the runner aborts with a StepError as the reason. */
export function abortedError(signal: AbortSignal): StepError {
  const reason: unknown = signal.reason
  if (
    reason &&
    typeof reason === 'object' &&
    'code' in reason &&
    'message' in reason &&
    'retryable' in reason
  )
    return reason as StepError
  return { code: 'aborted', message: 'The command was stopped before it finished.', retryable: true }
}

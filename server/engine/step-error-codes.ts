// The error codes the runner, the device gateway and the built-in step types give a failed step
// attempt that a retry can help with: the choices a retry policy's `retryOn` offers. Device
// actions may report codes of their own; `retryOn` accepts any code.

export const RETRYABLE_ERROR_CODES = [
  { code: 'timeout', meaning: 'the attempt (or a webhook request) ran past its timeout' },
  { code: 'no_capable_device', meaning: 'no online device offered the action before the placement timeout' },
  { code: 'device_lost', meaning: 'the device disconnected while it ran the command' },
  { code: 'ack_timeout', meaning: 'the device did not acknowledge the command in time' },
  { code: 'action_failed', meaning: 'the device action threw an error' },
  { code: 'aborted', meaning: 'the command was stopped before it finished' },
  { code: 'http_error', meaning: 'a webhook request failed before any answer (network, DNS, TLS)' },
  { code: 'http_status', meaning: 'a webhook answered 5xx or 429' },
  { code: 'branches_failed', meaning: 'more parallel branches failed than tolerated, one of them retryably' },
  { code: 'runner_stopping', meaning: 'the runner shut down during the attempt' },
  { code: 'internal_error', meaning: 'an unexpected error inside the runner' },
] as const satisfies readonly { code: string; meaning: string }[]

export type RetryableErrorCode = (typeof RETRYABLE_ERROR_CODES)[number]['code']

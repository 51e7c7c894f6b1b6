// What happens after a failed attempt: another attempt after a backoff, or the step fails.
import { computeRetryDelay, isRetryableUnder, type TRetryPolicy } from '../retry-policy'
import type { StepError } from './run-status'

export type RetryDecision =
  | { retry: true; delayMs: number; nextAttempt: number }
  | { retry: false; reason: 'not_retryable' | 'code_not_retried' | 'attempts_exhausted' }

/**
 * `attempt` is the 1-based number of the attempt that just failed, counting only attempts that
 * ended (an attempt interrupted by a runner crash is not counted). `random` is injected for jitter.
 */
export function decideRetry(
  policy: TRetryPolicy,
  attempt: number,
  error: StepError,
  random: () => number,
): RetryDecision {
  if (!error.retryable) return { retry: false, reason: 'not_retryable' }
  if (!isRetryableUnder(policy, error)) return { retry: false, reason: 'code_not_retried' }
  if (attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts_exhausted' }
  return { retry: true, delayMs: computeRetryDelay(policy, attempt, random), nextAttempt: attempt + 1 }
}

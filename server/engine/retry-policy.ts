// Retry policy: the workflow sets a default, a step may override any field, and
// computeRetryDelay turns a policy plus attempt number into a backoff delay.
import { z } from 'zod'
import { ZDuration, parseDuration, type TDuration } from './duration'

export const DEFAULT_RETRY_POLICY = {
  maxAttempts: 1,
  backoff: 'exponential',
  initialDelay: '1s',
  maxDelay: '5m',
  multiplier: 2,
  jitter: 0.2,
} as const satisfies Omit<TRetryPolicy, 'retryOn'>

const retryFields = {
  maxAttempts: z
    .number()
    .int()
    .min(1)
    .max(100)
    .describe('Total attempts including the first; 1 means no retry'),
  backoff: z.enum(['fixed', 'exponential']),
  initialDelay: ZDuration,
  maxDelay: ZDuration,
  multiplier: z.number().min(1).max(10).describe('Growth factor per attempt for exponential backoff'),
  jitter: z.number().min(0).max(1).describe('Fraction of each delay that is randomised'),
  retryOn: z
    .array(z.string().min(1))
    .describe('Error codes that are retried; absent means every retryable error'),
}

/** Workflow-level policy: every field has a default. */
export const ZRetryPolicy = z
  .strictObject({
    maxAttempts: retryFields.maxAttempts.default(DEFAULT_RETRY_POLICY.maxAttempts),
    backoff: retryFields.backoff.default(DEFAULT_RETRY_POLICY.backoff),
    initialDelay: retryFields.initialDelay.default(DEFAULT_RETRY_POLICY.initialDelay),
    maxDelay: retryFields.maxDelay.default(DEFAULT_RETRY_POLICY.maxDelay),
    multiplier: retryFields.multiplier.default(DEFAULT_RETRY_POLICY.multiplier),
    jitter: retryFields.jitter.default(DEFAULT_RETRY_POLICY.jitter),
    retryOn: retryFields.retryOn.optional(),
  })
  .describe('Retry policy')

/** Step-level override: any subset of the policy, merged over the workflow default. */
export const ZRetryPolicyOverride = z
  .strictObject({
    maxAttempts: retryFields.maxAttempts.optional(),
    backoff: retryFields.backoff.optional(),
    initialDelay: retryFields.initialDelay.optional(),
    maxDelay: retryFields.maxDelay.optional(),
    multiplier: retryFields.multiplier.optional(),
    jitter: retryFields.jitter.optional(),
    retryOn: retryFields.retryOn.optional(),
  })
  .meta({
    id: 'RetryPolicyOverride',
    description: 'Retry policy override; unset fields come from the workflow policy',
  })

export type TRetryPolicy = {
  maxAttempts: number
  backoff: 'fixed' | 'exponential'
  initialDelay: TDuration
  maxDelay: TDuration
  multiplier: number
  jitter: number
  retryOn?: string[] | undefined
}
export type TRetryPolicyOverride = z.infer<typeof ZRetryPolicyOverride>

/** Field-wise merge: step override over workflow default over built-in defaults. */
export function resolveRetryPolicy(
  step: { retryPolicy?: TRetryPolicyOverride | undefined },
  workflow: { retryPolicy?: Partial<TRetryPolicy> | undefined },
): TRetryPolicy {
  const resolved: TRetryPolicy = { ...DEFAULT_RETRY_POLICY }
  for (const layer of [workflow.retryPolicy, step.retryPolicy]) {
    if (!layer) continue
    for (const [key, value] of Object.entries(layer)) {
      if (value !== undefined) Object.assign(resolved, { [key]: value })
    }
  }
  return resolved
}

/**
 * The delay before attempt `attempt + 1`, given that attempt `attempt` (1-based) failed.
 * base = initialDelay × multiplier^(attempt−1) (exponential) or initialDelay (fixed), capped at maxDelay;
 * then jitter replaces up to `jitter` of it with randomness: base × (1 − jitter × random()).
 */
export function computeRetryDelay(policy: TRetryPolicy, attempt: number, random: () => number): number {
  const initial = parseDuration(policy.initialDelay)
  const max = parseDuration(policy.maxDelay)
  const exponent = Math.max(0, Math.floor(attempt) - 1)
  const grown = policy.backoff === 'exponential' ? initial * Math.pow(policy.multiplier, exponent) : initial
  const base = Math.min(grown, max)
  const r = Math.min(1, Math.max(0, random()))
  return Math.round(base * (1 - policy.jitter * r))
}

/** Upper bound of the delay before attempt `attempt + 1` (jitter only shortens delays). */
export function maxRetryDelay(policy: TRetryPolicy, attempt: number): number {
  return computeRetryDelay(policy, attempt, () => 0)
}

/** Whether an error with this code and retryability should be retried under the policy. */
export function isRetryableUnder(policy: TRetryPolicy, error: { code: string; retryable: boolean }): boolean {
  if (!error.retryable) return false
  return policy.retryOn === undefined || policy.retryOn.includes(error.code)
}

// Pure edits of a retry policy as the inspector makes them: set or clear one field, and choose
// the error codes `retryOn` lists. An emptied policy or code list reads as "not set".
import { RETRYABLE_ERROR_CODES } from '@/server/engine/step-error-codes'

export type RetryValue = {
  maxAttempts?: number
  backoff?: 'fixed' | 'exponential'
  initialDelay?: string | number
  maxDelay?: string | number
  multiplier?: number
  jitter?: number
  retryOn?: string[]
}

/** The policy with `key` set, or removed when `value` is undefined; undefined when nothing is left. */
export function setRetryField<K extends keyof RetryValue>(
  policy: RetryValue | undefined,
  key: K,
  value: RetryValue[K] | undefined,
): RetryValue | undefined {
  const next: RetryValue = { ...(policy ?? {}) }
  if (value === undefined) delete next[key]
  else next[key] = value
  return Object.keys(next).length > 0 ? next : undefined
}

/** Adds the code when absent, removes it when present; an empty list becomes undefined (every retryable error). */
export function toggleRetryCode(retryOn: readonly string[] | undefined, code: string): string[] | undefined {
  const list = retryOn ?? []
  const next = list.includes(code) ? list.filter((c) => c !== code) : [...list, code]
  return next.length > 0 ? next : undefined
}

/** Why `text` cannot be added as a code, or undefined. */
export function checkRetryCode(retryOn: readonly string[] | undefined, text: string): string | undefined {
  const code = text.trim()
  if (code === '') return 'Type an error code, e.g. deploy_failed.'
  if (/\s/.test(code)) return 'An error code has no spaces.'
  if ((retryOn ?? []).includes(code)) return `"${code}" is already in the list.`
  return undefined
}

/** The chips to show: every code the runner produces, then the other codes the list names. */
export function retryCodeChoices(
  retryOn: readonly string[] | undefined,
): { code: string; meaning?: string }[] {
  const known = RETRYABLE_ERROR_CODES.map(({ code, meaning }) => ({ code, meaning }))
  const others = (retryOn ?? []).filter((c) => !known.some((k) => k.code === c)).map((code) => ({ code }))
  return [...known, ...others]
}

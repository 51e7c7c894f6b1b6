// Login rate limiting: sign-in attempts are counted per account and per client address; past a
// threshold each further failure locks the key for twice as long as the last (capped). An attempt
// is counted, under a row lock in Postgres, BEFORE its password is judged, so concurrent requests
// (on any number of web nodes) can never have more attempts judged than the policy allows.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { rows, type Queryable } from '@/server/platform/sql-helpers'

export interface ThrottlePolicy {
  /** Failures allowed before the first lockout. */
  threshold: number
  baseLockMs: number
  maxLockMs: number
  /** A key's count starts over after this long without failures. */
  forgetAfterMs: number
}

export const ACCOUNT_POLICY: ThrottlePolicy = {
  threshold: 5,
  baseLockMs: 30_000,
  maxLockMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
}
/** Higher, since many people can share one address (an office NAT). */
export const ADDRESS_POLICY: ThrottlePolicy = {
  threshold: 20,
  baseLockMs: 30_000,
  maxLockMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
}

/** How long the failure numbered `failures` locks its key: nothing below the threshold, then doubling. */
export function lockDurationMs(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.threshold) return 0
  const doublings = Math.min(failures - policy.threshold, 30)
  return Math.min(policy.baseLockMs * 2 ** doublings, policy.maxLockMs)
}

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`
export const addressKey = (ip: string) => `ip:${ip}`

export interface ThrottleKey {
  key: string
  policy: ThrottlePolicy
}

type CountRow = { key: string; failures: number; last_failure_at: string | Date; locked_until: string | Date | null }

const time = (value: string | Date | null): number => (value === null ? 0 : new Date(value).getTime())

/**
 * Admits one sign-in attempt against every key, or refuses it while any key is locked (then nothing
 * is counted). An admitted attempt already counts as a failure of each key, and may lock it for the
 * attempts after it; a success takes it back (`settleSuccessfulLogin`). Keys are locked in one
 * order, so concurrent attempts serialise without deadlocks.
 */
export async function admitLoginAttempt(
  db: Db,
  keys: readonly ThrottleKey[],
  now: Date,
): Promise<{ admitted: true } | { admitted: false; retryAfterMs: number }> {
  const ordered = [...keys].sort((a, b) => a.key.localeCompare(b.key))
  return db.transaction(async (tx) => {
    const found = new Map<string, CountRow>()
    for (const { key } of ordered) {
      await tx.execute(sql`INSERT INTO login_throttles (key, failures, last_failure_at)
          VALUES (${key}, 0, ${now.toISOString()}::timestamptz) ON CONFLICT (key) DO NOTHING`)
      const [row] = await rows<CountRow>(
        tx,
        sql`SELECT key, failures, last_failure_at, locked_until FROM login_throttles WHERE key = ${key} FOR UPDATE`,
      )
      if (row) found.set(key, row)
    }
    const retryAfterMs = Math.max(0, ...[...found.values()].map((r) => time(r.locked_until) - now.getTime()))
    if (retryAfterMs > 0) return { admitted: false as const, retryAfterMs }
    for (const { key, policy } of ordered) await countAttempt(tx, found.get(key), key, policy, now)
    return { admitted: true as const }
  })
}

async function countAttempt(
  tx: Queryable,
  row: CountRow | undefined,
  key: string,
  policy: ThrottlePolicy,
  now: Date,
): Promise<void> {
  const forgotten = !row || time(row.last_failure_at) < now.getTime() - policy.forgetAfterMs
  const failures = forgotten ? 1 : row.failures + 1
  const lockMs = lockDurationMs(failures, policy)
  const lockedUntil = lockMs > 0 ? new Date(now.getTime() + lockMs).toISOString() : null
  await tx.execute(sql`UPDATE login_throttles SET failures = ${failures}, last_failure_at = ${now.toISOString()}::timestamptz,
      locked_until = ${lockedUntil}::timestamptz WHERE key = ${key}`)
}

/**
 * A successful sign-in: the account's count is cleared; the address gets its attempt back and no
 * lock from it (colleagues behind the same address are not locked out by someone signing in).
 */
export async function settleSuccessfulLogin(db: Db, account: string, address: string): Promise<void> {
  await db.execute(sql`DELETE FROM login_throttles WHERE key = ${account}`)
  await db.execute(sql`UPDATE login_throttles SET failures = greatest(failures - 1, 0), locked_until = NULL
      WHERE key = ${address}`)
}

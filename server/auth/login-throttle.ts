// Login rate limiting: failed sign-ins are counted per account and per client address; past a
// threshold each further failure locks the key for twice as long as the last (capped). Counts
// live in Postgres so every web node sees the same lockouts.
import { inArray, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { loginThrottles } from '@/db/schema'

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

/** Milliseconds until the most locked of `keys` accepts attempts again; 0 when none is locked. */
export async function lockedForMs(db: Db, keys: string[], now: Date): Promise<number> {
  const found = await db
    .select({ lockedUntil: loginThrottles.lockedUntil })
    .from(loginThrottles)
    .where(inArray(loginThrottles.key, keys))
  return Math.max(0, ...found.map((r) => (r.lockedUntil ? r.lockedUntil.getTime() - now.getTime() : 0)))
}

export async function recordLoginFailure(
  db: Db,
  key: string,
  policy: ThrottlePolicy,
  now: Date,
): Promise<void> {
  const forgetBefore = new Date(now.getTime() - policy.forgetAfterMs)
  const [row] = await db
    .insert(loginThrottles)
    .values({ key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: loginThrottles.key,
      set: {
        failures: sql`CASE WHEN ${loginThrottles.lastFailureAt} < ${forgetBefore.toISOString()}::timestamptz THEN 1 ELSE ${loginThrottles.failures} + 1 END`,
        lastFailureAt: now,
      },
    })
    .returning({ failures: loginThrottles.failures })
  const lockMs = lockDurationMs(row?.failures ?? 1, policy)
  if (lockMs > 0)
    await db
      .update(loginThrottles)
      .set({ lockedUntil: new Date(now.getTime() + lockMs) })
      .where(sql`${loginThrottles.key} = ${key}`)
}

export async function clearLoginFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginThrottles).where(sql`${loginThrottles.key} = ${key}`)
}

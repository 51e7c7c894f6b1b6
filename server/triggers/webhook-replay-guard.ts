// Each signed webhook request is accepted once: its signature is remembered in Postgres until its
// timestamp leaves the signature window (after that it is refused as stale anyway), so a captured
// request replayed to any web node is refused.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { rows } from '@/server/platform/sql-helpers'
import { SIGNATURE_WINDOW_SECONDS } from './webhook-secrets'

const PURGE_EVERY_MS = 60_000
let lastPurgeAt = 0

/** True the first time a signature is presented; false for a replay. */
export async function claimSignature(
  db: Db,
  claim: { triggerId: string; signature: string; timestamp: number; now: Date },
): Promise<boolean> {
  if (claim.now.getTime() - lastPurgeAt > PURGE_EVERY_MS) {
    lastPurgeAt = claim.now.getTime()
    await db.execute(sql`DELETE FROM webhook_signatures_seen WHERE seen_until < ${claim.now.toISOString()}::timestamptz`)
  }
  const seenUntil = new Date((claim.timestamp + SIGNATURE_WINDOW_SECONDS) * 1000)
  const claimed = await rows<{ claimed: number }>(
    db,
    sql`INSERT INTO webhook_signatures_seen (trigger_id, signature, seen_until)
        VALUES (${claim.triggerId}::uuid, ${claim.signature}, ${seenUntil.toISOString()}::timestamptz)
        ON CONFLICT DO NOTHING RETURNING 1 AS claimed`,
  )
  return claimed.length > 0
}

// Which secret values each step attempt was given when it was dispatched, kept as the ciphertexts
// they were decrypted from. A finished command is scrubbed with exactly these, so a secret rotated
// or deleted while the command ran is still removed from its params, output and logs; no later
// lookup of the store decides what a command received. Rows go once the attempt is over.
import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { rows, type Queryable } from '@/server/platform/sql-helpers'
import { decryptSecret, SecretDecryptionError } from './secret-cipher'
import { processSecretKey, type SecretKey } from './secret-key'

export interface SecretGrant {
  stepExecutionId: string
  attempt: number
  name: string
  ciphertext: string
}

/** A finished attempt's grants stay this long, so scrubs that run right after a final state find them. */
const KEEP_AFTER_ATTEMPT_MS = 60_000

const versionOf = (ciphertext: string) => createHash('sha256').update(ciphertext).digest('hex')

/** Records what a batch of attempts received; a repeated dispatch adds only versions not yet recorded. */
export async function recordSecretGrants(db: Queryable, grants: readonly SecretGrant[]): Promise<void> {
  if (grants.length === 0) return
  const payload = grants.map((g) => ({
    s: g.stepExecutionId,
    a: g.attempt,
    n: g.name,
    v: versionOf(g.ciphertext),
    c: g.ciphertext,
  }))
  await db.execute(sql`INSERT INTO command_secret_grants (step_execution_id, attempt, name, version, ciphertext)
      SELECT (g->>'s')::uuid, (g->>'a')::int, g->>'n', g->>'v', g->>'c'
      FROM jsonb_array_elements(${JSON.stringify(payload)}::jsonb) g
      ON CONFLICT DO NOTHING`)
}

/** Decrypted values, longest first; a ciphertext this server cannot read is skipped. */
export function decryptSecretVersions(found: readonly { name: string; ciphertext: string }[]): string[] {
  if (found.length === 0) return []
  let key: SecretKey
  try {
    key = processSecretKey()
  } catch {
    return [] // no usable key here: nothing could have been resolved with it either
  }
  const values = new Set<string>()
  for (const g of found) {
    try {
      values.add(decryptSecret(key, g.name, g.ciphertext))
    } catch (error) {
      if (!(error instanceof SecretDecryptionError)) throw error
    }
  }
  return [...values].sort((a, b) => b.length - a.length)
}

/** The secret values rendered into one device command (those its step attempt was given). */
export async function grantedSecretValues(db: Queryable, commandId: string): Promise<string[]> {
  const found = await rows<{ name: string; ciphertext: string }>(
    db,
    sql`SELECT g.name, g.ciphertext FROM device_commands c
        JOIN command_secret_grants g ON g.step_execution_id = c.step_execution_id AND g.attempt = c.attempt
        WHERE c.id = ${commandId}`,
  )
  return decryptSecretVersions(found)
}

/**
 * Drops the grants of attempts that are over: the step moved on and none of the attempt's commands
 * is still in flight (their final states have scrubbed them). Idempotent; any gateway's sweep runs it.
 */
export async function forgetSpentGrants(db: Queryable): Promise<number> {
  const forgotten = await rows<{ n: number }>(
    db,
    sql`WITH spent AS (
          DELETE FROM command_secret_grants g
          WHERE g.granted_at < now() - make_interval(secs => ${KEEP_AFTER_ATTEMPT_MS / 1000})
            AND NOT EXISTS (SELECT 1 FROM step_executions s WHERE s.id = g.step_execution_id
                              AND s.attempt = g.attempt AND s.status IN ('running', 'waiting'))
            AND NOT EXISTS (SELECT 1 FROM device_commands c WHERE c.step_execution_id = g.step_execution_id
                              AND c.attempt = g.attempt AND c.status IN ('queued', 'delivered', 'acked', 'running'))
          RETURNING 1
        ) SELECT count(*)::int AS n FROM spent`,
  )
  return forgotten[0]?.n ?? 0
}

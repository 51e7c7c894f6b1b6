// The device command queue holds rendered secret values (the gateway must deliver them). When a
// command reaches a final state, its params, output, error and log lines have those values
// replaced by `***`, in the transaction that records the final state.
import { sql, type SQL } from 'drizzle-orm'
import { rows, type Queryable } from '@/server/runner/sql-helpers'
import { decryptSecret, SecretDecryptionError } from './secret-cipher'
import { processSecretKey } from './secret-key'
import { REDACTED, redactSecrets } from './secret-redaction'

type Cached = { signature: string; values: string[] }
let cache: Cached | undefined

/**
 * Every readable secret value, longest first. One small query per call; values are decrypted
 * again only when a secret was created, rotated or deleted since the last call.
 */
export async function secretValuesToScrub(db: Queryable): Promise<string[]> {
  const found = await rows<{ name: string; ciphertext: string }>(
    db,
    sql`SELECT name, ciphertext FROM secrets ORDER BY name`,
  )
  if (found.length === 0) return []
  const signature = found.map((s) => `${s.name}\n${s.ciphertext}`).join('\n')
  if (cache?.signature === signature) return cache.values
  let secretKey
  try {
    secretKey = processSecretKey()
  } catch {
    return [] // no usable key here: nothing could have been resolved with it either
  }
  const values: string[] = []
  for (const s of found) {
    try {
      values.push(decryptSecret(secretKey, s.name, s.ciphertext))
    } catch (error) {
      if (!(error instanceof SecretDecryptionError)) throw error
    }
  }
  values.sort((a, b) => b.length - a.length)
  cache = { signature, values }
  return values
}

/** `replace(replace(<column>, v1, '***'), v2, '***')…` for every value. */
function replacedText(column: SQL, values: readonly string[]): SQL {
  return values.reduce<SQL>((text, value) => sql`replace(${text}, ${value}, ${REDACTED})`, column)
}

/**
 * Replaces the secret values in one finished command's params, output, error and log lines. Call
 * inside the transaction that moved it to its final state (the row is already locked by it).
 */
export async function scrubFinishedCommand(
  tx: Queryable,
  commandId: string,
  values: readonly string[],
): Promise<void> {
  if (values.length === 0) return
  const [row] = await rows<{ params: unknown; output: unknown; error: unknown }>(
    tx,
    sql`SELECT params, output, error FROM device_commands WHERE id = ${commandId}`,
  )
  if (row) {
    const scrubbed = redactSecrets(row, values)
    if (JSON.stringify(scrubbed) !== JSON.stringify(row))
      await tx.execute(sql`UPDATE device_commands SET params = ${JSON.stringify(scrubbed.params ?? {})}::jsonb,
          output = ${jsonOrNull(scrubbed.output)}::jsonb, error = ${jsonOrNull(scrubbed.error)}::jsonb
        WHERE id = ${commandId}`)
  }
  const contains = sql.join(
    values.map((v) => sql`strpos(line, ${v}) > 0`),
    sql` OR `,
  )
  await tx.execute(sql`UPDATE device_command_logs SET line = ${replacedText(sql`line`, values)}
    WHERE command_id = ${commandId} AND (${contains})`)
}

/** Scrubs commands that were ended in bulk (the sweep's `device_lost`, a reconnect without them). */
export async function scrubFinishedCommands(db: Queryable, commandIds: readonly string[]): Promise<void> {
  if (commandIds.length === 0) return
  const values = await secretValuesToScrub(db)
  for (const id of commandIds) await scrubFinishedCommand(db, id, values)
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value)
}

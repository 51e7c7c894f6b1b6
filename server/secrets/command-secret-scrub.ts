// The device command queue holds rendered secret values (the gateway must deliver them). When a
// command reaches a final state, its params, output, error and log lines have exactly the values
// its step attempt was given (server/secrets/secret-grants.ts) replaced by `***`, in the transaction
// that records the final state.
import { sql, type SQL } from 'drizzle-orm'
import { rows, type Queryable } from '@/server/platform/sql-helpers'
import { grantedSecretValues } from './secret-grants'
import { REDACTED, redactSecrets } from './secret-redaction'

/** The values to scrub from one command: what was resolved into it at dispatch, nothing looked up later. */
export const secretValuesOfCommand = grantedSecretValues

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
  // redactSecrets hands back the same object when nothing in it held a value.
  const scrubbed = row && redactSecrets(row, values)
  if (scrubbed && scrubbed !== row) {
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
  for (const id of commandIds) await scrubFinishedCommand(db, id, await grantedSecretValues(db, id))
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value)
}

// Defence in depth for API responses that carry what devices stored or printed (command params,
// errors, log lines): every known secret value is replaced by `***` before the response leaves:
// the store's current values and every version still granted to a command in flight (a secret
// rotated or deleted while its command runs is masked too). Step outputs are already redacted by
// the runner; device rows are written by the gateway, which does not know which values were secret.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { rows } from '@/server/platform/sql-helpers'
import { decryptSecretVersions } from '@/server/secrets/secret-grants'
import { redactSecrets } from '@/server/secrets/secret-redaction'

/** Procedures whose results include device-reported data. */
export const DEVICE_DATA_PATHS: ReadonlySet<string> = new Set([
  'devices.get',
  'devices.commandLogs',
  'runs.stepCommands',
  'runs.stepLogs',
])

/** Decrypted once per version seen (ciphertexts are immutable), so each response costs one small query. */
let decrypted: { signature: string; values: string[] } | undefined

async function knownValues(db: Db): Promise<string[]> {
  const found = await rows<{ name: string; ciphertext: string }>(
    db,
    sql`SELECT name, ciphertext FROM secrets UNION SELECT name, ciphertext FROM command_secret_grants ORDER BY 1, 2`,
  )
  const signature = found.map((s) => `${s.name}\n${s.ciphertext}`).join('\n')
  if (decrypted?.signature !== signature) decrypted = { signature, values: decryptSecretVersions(found) }
  return decrypted.values
}

export async function redactDeviceData(db: Db, path: string, data: unknown): Promise<unknown> {
  if (!DEVICE_DATA_PATHS.has(path)) return data
  return redactSecrets(data, await knownValues(db))
}

// Defence in depth for API responses that carry what devices stored or printed (command params,
// errors, log lines): every known secret value is replaced by `***` before the response leaves.
// Step outputs are already redacted by the runner; device rows are written by the gateway, which
// does not know which values were secret.
import type { Db } from '@/db/client'
import { loadAllSecretValues } from './secret-store'
import { redactSecrets } from './secret-redaction'

/** Procedures whose results include device-reported data. */
export const DEVICE_DATA_PATHS: ReadonlySet<string> = new Set([
  'devices.get',
  'devices.commandLogs',
  'runs.stepCommands',
  'runs.stepLogs',
])

const CACHE_MS = 5_000
let cached: { values: string[]; at: number } | undefined

/** Forgets the cached values (after a secret is created, rotated or deleted in this process). */
export function forgetSecretValues(): void {
  cached = undefined
}

async function knownValues(db: Db): Promise<string[]> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.values
  const values = [...(await loadAllSecretValues(db)).values()]
  cached = { values, at: Date.now() }
  return values
}

export async function redactDeviceData(db: Db, path: string, data: unknown): Promise<unknown> {
  if (!DEVICE_DATA_PATHS.has(path)) return data
  return redactSecrets(data, await knownValues(db))
}

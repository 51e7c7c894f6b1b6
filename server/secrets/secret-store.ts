// The secrets store: create, rotate, delete and list names. Values go in encrypted and come out
// only through loadSecretValues, which the runner calls when it dispatches a step.
import { asc, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '@/db/client'
import { secrets } from '@/db/schema'
import { isUniqueViolation } from '@/db/postgres-errors'
import { rows, textList, type Queryable } from '@/server/platform/sql-helpers'
import { AuthError } from '@/server/auth/auth-errors'
import { decryptSecret, encryptSecret, SecretDecryptionError } from './secret-cipher'
import { processSecretKey, type SecretKey } from './secret-key'

export const ZSecretName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
    'Use letters, digits and underscores, starting with a letter or underscore (at most 64).',
  )
/** Short values would be redacted everywhere they happen to occur, so four characters is the floor. */
export const ZSecretValue = z.string().min(4, 'A secret value needs at least 4 characters.').max(65_536)

export interface SecretSummary {
  id: string
  name: string
  description: string
  createdAt: Date
  rotatedAt: Date | null
  /** False when the value was encrypted under another key and cannot be used until rotated. */
  readable: boolean
}

type Deps = { db: Db; clock: { now: () => Date }; key?: SecretKey }

export async function listSecrets(deps: Deps): Promise<SecretSummary[]> {
  const key = deps.key ?? processSecretKey()
  const found = await deps.db.select().from(secrets).orderBy(asc(secrets.name))
  return found.map((s) => ({
    id: s.id,
    name: s.name,
    description: s.description,
    createdAt: s.createdAt,
    rotatedAt: s.rotatedAt,
    readable: s.keyId === key.id,
  }))
}

export async function createSecret(
  deps: Deps,
  input: { name: string; value: string; description: string; createdBy: string | undefined },
): Promise<{ id: string; name: string }> {
  const key = deps.key ?? processSecretKey()
  try {
    const [row] = await deps.db
      .insert(secrets)
      .values({
        name: input.name,
        description: input.description,
        ciphertext: encryptSecret(key, input.name, input.value),
        keyId: key.id,
        createdBy: input.createdBy ?? null,
        createdAt: deps.clock.now(),
      })
      .returning({ id: secrets.id, name: secrets.name })
    if (!row) throw new Error('insert returned no row')
    return row
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AuthError('conflict', `A secret named "${input.name}" exists; rotate it to change its value.`)
    throw error
  }
}

export async function rotateSecret(
  deps: Deps,
  input: { name: string; value: string },
): Promise<{ id: string; name: string }> {
  const key = deps.key ?? processSecretKey()
  const [row] = await deps.db
    .update(secrets)
    .set({
      ciphertext: encryptSecret(key, input.name, input.value),
      keyId: key.id,
      rotatedAt: deps.clock.now(),
    })
    .where(eq(secrets.name, input.name))
    .returning({ id: secrets.id, name: secrets.name })
  if (!row) throw new AuthError('not_found', `There is no secret named "${input.name}".`)
  return row
}

export async function deleteSecret(deps: Deps, name: string): Promise<{ id: string; name: string }> {
  const [row] = await deps.db
    .delete(secrets)
    .where(eq(secrets.name, name))
    .returning({ id: secrets.id, name: secrets.name })
  if (!row) throw new AuthError('not_found', `There is no secret named "${name}".`)
  return row
}

export async function listSecretNames(db: Db): Promise<Set<string>> {
  const found = await db.select({ name: secrets.name }).from(secrets)
  return new Set(found.map((s) => s.name))
}

/** A secret as dispatch resolved it: the value, and the ciphertext (the version) it came from. */
export interface ResolvedSecret {
  value: string
  ciphertext: string
}

/**
 * Decrypted values of the named secrets that exist and decrypt under this key (the secrets page
 * marks the others unreadable), with the ciphertext each came from; for dispatch only, never for
 * an API response.
 */
export async function loadSecretVersions(
  db: Queryable,
  names: readonly string[],
  key: SecretKey = processSecretKey(),
): Promise<Map<string, ResolvedSecret>> {
  if (names.length === 0) return new Map()
  const found = await rows<{ name: string; ciphertext: string }>(
    db,
    sql`SELECT name, ciphertext FROM secrets WHERE name IN ${textList([...new Set(names)])}`,
  )
  const out = new Map<string, ResolvedSecret>()
  for (const s of found) {
    try {
      out.set(s.name, { value: decryptSecret(key, s.name, s.ciphertext), ciphertext: s.ciphertext })
    } catch (error) {
      if (!(error instanceof SecretDecryptionError)) throw error
    }
  }
  return out
}

/** The values alone (see loadSecretVersions). */
export async function loadSecretValues(
  db: Queryable,
  names: readonly string[],
  key: SecretKey = processSecretKey(),
): Promise<Map<string, string>> {
  const versions = await loadSecretVersions(db, names, key)
  return new Map([...versions].map(([name, resolved]) => [name, resolved.value]))
}

/** Every secret's value; only for redacting responses (server/secrets/response-redaction.ts). */
export async function loadAllSecretValues(
  db: Queryable,
  key: SecretKey = processSecretKey(),
): Promise<Map<string, string>> {
  const found = await rows<{ name: string }>(db, sql`SELECT name FROM secrets`)
  return loadSecretValues(
    db,
    found.map((s) => s.name),
    key,
  )
}

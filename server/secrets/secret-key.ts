// The key that encrypts the secrets store: RELAYFLOW_SECRET_KEY (base64, 32 bytes), else a key file
// `<RELAYFLOW_DATA_DIR>/secret.key` generated on first use with 0600 permissions. Loaded once per
// process (web and runner processes read the same environment and data directory).
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export interface SecretKey {
  key: Buffer
  /** First bytes of sha256(key), stored beside each ciphertext. */
  id: string
}

export const KEY_FILE_NAME = 'secret.key'

function fromBase64(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64')
  if (key.length !== 32)
    throw new Error(
      `${where} must be 32 bytes encoded as base64 (got ${key.length} bytes); generate one with \`openssl rand -base64 32\`.`,
    )
  return key
}

function readOrCreateKeyFile(file: string): Buffer {
  // Default permissions for the folders: the data dir also holds the embedded cluster, which the
  // `postgres` user must reach when running as root. The 0600 key file is what stays private.
  mkdirSync(path.dirname(file), { recursive: true })
  try {
    // 'wx' fails if the file exists, so two processes starting together never write two keys.
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const mode = statSync(file).mode & 0o777
  if ((mode & 0o077) !== 0)
    throw new Error(
      `The secrets key file ${file} is readable by other users (mode ${mode.toString(8)}); run \`chmod 600 ${file}\`.`,
    )
  return fromBase64(readFileSync(file, 'utf8'), `The key file ${file}`)
}

export function secretKeyFrom(env: Readonly<Record<string, string | undefined>>): SecretKey {
  const fromEnv = env.RELAYFLOW_SECRET_KEY?.trim()
  const key = fromEnv
    ? fromBase64(fromEnv, 'RELAYFLOW_SECRET_KEY')
    : readOrCreateKeyFile(path.resolve(env.RELAYFLOW_DATA_DIR?.trim() || '.data', KEY_FILE_NAME))
  return { key, id: createHash('sha256').update(key).digest('hex').slice(0, 16) }
}

let loaded: SecretKey | undefined

/** This process's key, loaded on first use. */
export function processSecretKey(): SecretKey {
  loaded ??= secretKeyFrom(process.env)
  return loaded
}

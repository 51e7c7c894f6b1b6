// AES-256-GCM for secret values. Each value gets a fresh 96-bit IV; the secret's name is the
// associated data, so a ciphertext copied onto another secret's row fails to decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { SecretKey } from './secret-key'

const VERSION = 'v1'

function aad(name: string): Buffer {
  return Buffer.from(`relayflow-secret:${name}`, 'utf8')
}

export function encryptSecret(key: SecretKey, name: string, plaintext: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key.key, iv)
  cipher.setAAD(aad(name))
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.')
}

export class SecretDecryptionError extends Error {
  override readonly name = 'SecretDecryptionError'
}

export function decryptSecret(key: SecretKey, name: string, stored: string): string {
  const [version, iv, tag, body] = stored.split('.')
  if (version !== VERSION || !iv || !tag || body === undefined)
    throw new SecretDecryptionError(`Secret "${name}" is not in a format this server can read.`)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'))
    decipher.setAAD(aad(name))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    throw new SecretDecryptionError(
      `Secret "${name}" could not be decrypted: it was encrypted under another key (check RELAYFLOW_SECRET_KEY or the key file), or it was tampered with.`,
    )
  }
}

// Random bearer secrets (session cookies, API tokens) and their stored form. They carry 256 bits
// of entropy, so a plain sha256 is enough to store them: there is nothing to brute-force.
import { createHash, randomBytes } from 'node:crypto'

export function newOpaqueToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url')
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

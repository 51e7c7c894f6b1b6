// Device tokens: random, shown once, stored as a sha256 hash. The prefix tells tokens apart.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

const TOKEN_PREFIX = 'rfd_'

export function generateDeviceToken(): string {
  return TOKEN_PREFIX + randomBytes(24).toString('base64url')
}

export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** What the fleet page shows instead of the token: `rfd_AbCd…`. */
export function tokenDisplayPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 4)
}

export function generateDeviceId(): string {
  return `dev_${randomBytes(8).toString('hex')}`
}

/** Constant-time comparison of two hex hashes (the lookup is by hash; this guards a second check). */
export function isSameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex')
  const y = Buffer.from(b, 'hex')
  return x.length === y.length && timingSafeEqual(x, y)
}

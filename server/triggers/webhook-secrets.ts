// Webhook URL tokens (stored only as sha256) and HMAC request signatures.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export const WEBHOOK_PATH_PREFIX = '/api/hooks/'
export const SIGNATURE_HEADER = 'x-relayflow-signature'

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/

/** A new URL token: 32 random bytes, base64url, with a prefix that makes leaked ones easy to grep for. */
export function generateWebhookToken(): string {
  return `rfwh_${randomBytes(32).toString('base64url')}`
}

export function generateSigningSecret(): string {
  return `rfws_${randomBytes(32).toString('base64url')}`
}

export function hashWebhookToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Cheap shape check before any database lookup. */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_SHAPE.test(token)
}

export function webhookPath(token: string): string {
  return `${WEBHOOK_PATH_PREFIX}${token}`
}

/** The last characters of a token, for telling URLs apart without revealing them. */
export function tokenHint(token: string): string {
  return token.slice(-4)
}

/** `sha256=<hex>` over the raw body, as senders compute it. */
export function signBody(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
}

/** Checks `x-relayflow-signature: sha256=<hex>` in constant time. */
export function hasValidSignature(secret: string, body: Buffer, header: string | undefined): boolean {
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header?.trim() ?? '')
  if (!match?.[1]) return false
  const expected = createHmac('sha256', secret).update(body).digest()
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'))
}

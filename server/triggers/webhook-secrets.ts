// Webhook URL tokens (stored only as sha256) and HMAC request signatures.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { SIGNATURE_HEADER, WEBHOOK_PATH_PREFIX } from './webhook-wire'

export { SIGNATURE_HEADER, WEBHOOK_PATH_PREFIX }

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

/** How far a signature's timestamp may be from the server's clock, either way (like Stripe's default). */
export const SIGNATURE_WINDOW_SECONDS = 300

/** The HMAC-SHA256 of `<timestamp>.<raw body>` under the signing secret, hex. */
function signatureHex(secret: string, body: Buffer | string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')
}

/**
 * The `x-relayflow-signature` header value for a request: `t=<unix seconds>,sha256=<hex>`, the hex
 * being the HMAC-SHA256 of `<t>.<raw body bytes>` under the webhook's signing secret. For senders
 * written in TypeScript (tests, benches, the CLI); docs/triggers.md shows the same in shell.
 */
export function signWebhookRequest(
  secret: string,
  body: Buffer | string,
  timestamp: number = Math.floor(Date.now() / 1000),
): string {
  return `t=${timestamp},sha256=${signatureHex(secret, body, timestamp)}`
}

export type SignatureCheck =
  | { ok: true; signature: string; timestamp: number }
  | { ok: false; code: 'invalid_signature' | 'stale_signature'; message: string }

const HEADER_SHAPE = /^t=(\d{1,12}),sha256=([0-9a-fA-F]{64})$/

/** Checks the header in constant time and the timestamp against the window; replays are the store's job. */
export function checkSignature(secret: string, body: Buffer, header: string | undefined, now: Date): SignatureCheck {
  const match = HEADER_SHAPE.exec(header?.trim() ?? '')
  if (!match?.[1] || !match[2]) {
    const problem = header ? 'malformed' : 'missing'
    return {
      ok: false,
      code: 'invalid_signature',
      message: `This webhook requires a "${SIGNATURE_HEADER}: t=<unix seconds>,sha256=<hex>" header: the HMAC-SHA256 of "<t>.<raw body>" under its signing secret; it was ${problem}.`,
    }
  }
  const timestamp = Number(match[1])
  const expected = Buffer.from(signatureHex(secret, body, timestamp), 'hex')
  if (!timingSafeEqual(expected, Buffer.from(match[2], 'hex')))
    return {
      ok: false,
      code: 'invalid_signature',
      message: `The "${SIGNATURE_HEADER}" signature does not match the body and timestamp; sign "<t>.<raw body>" with the webhook's signing secret.`,
    }
  const skew = Math.abs(now.getTime() / 1000 - timestamp)
  if (skew > SIGNATURE_WINDOW_SECONDS)
    return {
      ok: false,
      code: 'stale_signature',
      message: `The signature's timestamp is ${Math.round(skew)} s away from the server's clock; it must be within ${SIGNATURE_WINDOW_SECONDS} s. Sign the request again when you send it.`,
    }
  return { ok: true, signature: match[2].toLowerCase(), timestamp }
}

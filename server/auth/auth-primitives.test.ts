// The pure pieces of server/auth, table-style: password hashing, the secrets cipher, redaction,
// lockout backoff, secret references and the session cookie.
import { describe, expect, it } from 'vitest'
import { validateWorkflow } from '@/server/engine/validate-workflow'
import { ACCOUNT_POLICY, lockDurationMs } from './login-throttle'
import { hashPassword, verifyPassword } from './password-hash'
import { decryptSecret, encryptSecret, SecretDecryptionError } from '@/server/secrets/secret-cipher'
import { secretKeyFrom } from '@/server/secrets/secret-key'
import { redactSecrets } from '@/server/secrets/secret-redaction'
import { workflowSecretReferences } from '@/server/secrets/secret-references'
import { readSessionCookie, sessionCookie } from './session-cookie'

const key = secretKeyFrom({ RELAYFLOW_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') })
const otherKey = secretKeyFrom({ RELAYFLOW_SECRET_KEY: Buffer.alloc(32, 8).toString('base64') })

describe('password hashing', () => {
  it('verifies the right password only, and never stores it', async () => {
    const hash = await hashPassword('a long enough password')
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/)
    expect(hash).not.toContain('a long enough password')
    expect(await verifyPassword('a long enough password', hash)).toBe(true)
    expect(await verifyPassword('a long enough passworD', hash)).toBe(false)
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false)
  }, 60_000)
})

/** Flips one bit of the ciphertext body (editing a base64 character may not change any byte). */
function flipFirstBodyBit(stored: string): string {
  const parts = stored.split('.')
  const body = Buffer.from(parts[3] ?? '', 'base64url')
  body[0] = (body[0] ?? 0) ^ 1
  parts[3] = body.toString('base64url')
  return parts.join('.')
}

describe('secrets cipher', () => {
  it('round-trips, with a fresh IV each time', () => {
    const a = encryptSecret(key, 'API', 'value-1')
    expect(a).not.toBe(encryptSecret(key, 'API', 'value-1'))
    expect(decryptSecret(key, 'API', a)).toBe('value-1')
  })

  it.each([
    ['another key', () => decryptSecret(otherKey, 'API', encryptSecret(key, 'API', 'v'))],
    [
      'another name (ciphertext moved between rows)',
      () => decryptSecret(key, 'OTHER', encryptSecret(key, 'API', 'v')),
    ],
    [
      'a tampered ciphertext',
      () => decryptSecret(key, 'API', flipFirstBodyBit(encryptSecret(key, 'API', 'value'))),
    ],
  ])('refuses %s', (_what, run) => {
    expect(run).toThrow(SecretDecryptionError)
  })

  it('refuses a key of the wrong size, naming the variable', () => {
    expect(() => secretKeyFrom({ RELAYFLOW_SECRET_KEY: 'c2hvcnQ=' })).toThrow(/RELAYFLOW_SECRET_KEY/)
  })
})

describe('redaction', () => {
  it.each([
    ['a plain string', 'token=abcd1234', 'token=***'],
    ['nested values and keys', { a: ['x abcd1234 y'], abcd1234: 1 }, { a: ['x *** y'], '***': 1 }],
    ['the longer of two overlapping secrets first', 'abcd1234-extra', '***'],
    ['nothing when no secret occurs', { n: 1, s: 'clean' }, { n: 1, s: 'clean' }],
  ])('replaces %s', (_what, input, expected) => {
    expect(redactSecrets(input, ['abcd1234', 'abcd1234-extra'])).toEqual(expected)
  })
})

describe('lockout backoff', () => {
  it.each([
    [4, 0],
    [5, 30_000],
    [6, 60_000],
    [7, 120_000],
    [20, 15 * 60_000],
  ])('after %i failures an account is locked for %i ms', (failures, ms) => {
    expect(lockDurationMs(failures, ACCOUNT_POLICY)).toBe(ms)
  })
})

describe('secret references', () => {
  const doc = (steps: unknown[]) => ({ name: 'w', steps })

  it('finds every secrets.NAME with its step and field, and nothing in string literals', () => {
    const refs = workflowSecretReferences(
      doc([
        {
          id: 'a',
          name: 'a',
          type: 'command',
          action: 'echo',
          params: { t: '{{ secrets.A }}', u: '{{ "secrets.B" }}', v: '{{ secrets.D.lowerAscii() }}' },
        },
        {
          id: 'h',
          name: 'h',
          type: 'webhook',
          request: { method: 'GET', url: 'https://x.test/{{ secrets["C"] }}' },
          dependencies: ['a'],
        },
      ]),
    )
    expect(refs).toEqual([
      { name: 'A', stepId: 'a', path: ['steps', 0, 'params', 't'], whole: true },
      { name: 'D', stepId: 'a', path: ['steps', 0, 'params', 'v'], whole: false },
      { name: 'C', stepId: 'h', path: ['steps', 1, 'request', 'url'], whole: true },
    ])
  })

  it('lets the validator accept secrets in command params and webhook requests only', () => {
    const ok = validateWorkflow(
      doc([{ id: 'a', name: 'a', type: 'command', action: 'echo', params: { t: '{{ secrets.A }}' } }]),
    )
    expect(ok.ok).toBe(true)
    const target = validateWorkflow(
      doc([{ id: 'a', name: 'a', type: 'command', action: 'echo', target: { deviceId: '{{ secrets.A }}' } }]),
    )
    expect(target.ok ? [] : target.issues.map((i) => i.code)).toContain('secret_not_allowed')
  })
})

describe('session cookie', () => {
  it('is read back from a Cookie header among others', () => {
    const header = `a=1; ${sessionCookie('tok', { secure: true, maxAgeSeconds: 60 }).split(';')[0]}; b=2`
    expect(readSessionCookie(header)).toBe('tok')
    expect(readSessionCookie('a=1')).toBeUndefined()
  })
})

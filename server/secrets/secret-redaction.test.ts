// Masking walks any depth (finding 3 of issue 16): an explicit stack, no recursion limit, and the
// same objects handed back where there is nothing to mask.
import { describe, expect, it } from 'vitest'
import { REDACTED, redactSecrets } from './secret-redaction'

function nested(depth: number, leaf: unknown): unknown {
  let value = leaf
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value]
  return value
}

function leafOf(value: unknown): unknown {
  let node = value
  while (typeof node === 'object' && node !== null)
    node = Array.isArray(node) ? node[0] : (node as { a: unknown }).a
  return node
}

describe('redactSecrets', () => {
  it.each([205, 10_000, 200_000])('masks a value %i levels deep', (depth) => {
    const masked = redactSecrets(nested(depth, 'token=s3cret-value'), ['s3cret-value'])
    expect(leafOf(masked)).toBe(`token=${REDACTED}`)
  })

  it('masks keys, and leaves prototype-looking keys as plain data', () => {
    const input = JSON.parse('{"__proto__": {"k-s3cret-value": "x"}}') as unknown
    const masked = redactSecrets(input, ['s3cret-value']) as Record<string, unknown>
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype)
    expect(JSON.stringify(masked)).toBe('{"__proto__":{"k-***":"x"}}')
  })

  it('hands back the same objects where nothing is masked', () => {
    const untouched = { a: [1, 'two', { three: null }], when: new Date(0) }
    const input = { keep: untouched, change: ['s3cret-value'] }
    const masked = redactSecrets(input, ['s3cret-value'])
    expect(masked).not.toBe(input)
    expect(masked.keep).toBe(untouched)
    expect(masked.change).toEqual([REDACTED])
    expect(redactSecrets(untouched, ['s3cret-value'])).toBe(untouched)
  })
})

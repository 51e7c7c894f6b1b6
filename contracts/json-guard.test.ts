import { describe, expect, it } from 'vitest'
import {
  DEEP_VALUE_MARKER,
  findJsonProblems,
  jsonTextWithoutNul,
  limitJsonDepth,
  MAX_JSON_DEPTH,
  MAX_READ_DEPTH,
} from './json-guard'

/** `{"a":{"a":…{"a":leaf}}}` with `levels` nested objects. */
function nested(levels: number, leaf: unknown = 1): unknown {
  let value = leaf
  for (let i = 0; i < levels; i++) value = { a: value }
  return value
}

describe('findJsonProblems', () => {
  it('accepts ordinary JSON, Dates and values nested exactly to the limit', () => {
    expect(findJsonProblems({ name: 'ok', list: [1, 'two', null, { x: true }], at: new Date() })).toEqual([])
    expect(findJsonProblems(nested(MAX_JSON_DEPTH))).toEqual([])
    expect(findJsonProblems('emoji 😀 and accents é')).toEqual([])
  })

  it('refuses one level more than the limit, naming the path of the container that is too deep', () => {
    const [found, ...rest] = findJsonProblems(nested(MAX_JSON_DEPTH + 1), { path: ['inputs'] })
    expect(rest).toEqual([])
    expect(found?.kind).toBe('too_deep')
    expect(found?.path).toEqual(['inputs', ...Array<string>(MAX_JSON_DEPTH).fill('a')])
    expect(found?.message).toMatch(/^inputs\.a\.a.* is nested more than 64 levels deep/)
  })

  it('walks 100,000 levels without overflowing the stack', () => {
    const problems = findJsonProblems(nested(100_000))
    expect(problems.map((p) => p.kind)).toEqual(['too_deep'])
    let arrays: unknown = 0
    for (let i = 0; i < 100_000; i++) arrays = [arrays]
    expect(findJsonProblems(arrays).map((p) => p.kind)).toEqual(['too_deep'])
  })

  it('refuses lone surrogates in values and keys, naming each path in document order', () => {
    const problems = findJsonProblems({ ok: 'a😀b', bad: ['x', 'a\ud800'], ['k\udc00']: 1, tail: '\udfff' })
    expect(problems.map((p) => [p.kind, p.path])).toEqual([
      ['lone_surrogate', ['bad', 1]],
      ['lone_surrogate', ['k\udc00']],
      ['lone_surrogate', ['tail']],
    ])
    expect(problems[0]?.message).toContain('bad[1] contains a lone UTF-16 surrogate')
  })

  it('refuses NUL unless allowed (device text keeps it, stored as U+FFFD)', () => {
    expect(findJsonProblems({ m: 'a\u0000b' }).map((p) => [p.kind, p.path])).toEqual([['nul_character', ['m']]])
    expect(findJsonProblems({ m: 'a\u0000b' }, { allowNul: true })).toEqual([])
    expect(findJsonProblems({ m: 'a\u0000b\ud800' }, { allowNul: true }).map((p) => p.kind)).toEqual([
      'lone_surrogate',
    ])
  })

  it('bounds the size in UTF-8 bytes of JSON when asked', () => {
    expect(findJsonProblems({ s: 'é'.repeat(10) }, { maxBytes: 28 })).toEqual([])
    expect(findJsonProblems({ s: 'é'.repeat(10) }, { maxBytes: 27 }).map((p) => p.kind)).toEqual(['too_large'])
  })

  it('stops at maxProblems', () => {
    const many = Array.from({ length: 100 }, () => '\ud800')
    expect(findJsonProblems(many)).toHaveLength(20)
    expect(findJsonProblems(many, { maxProblems: 2 })).toHaveLength(2)
  })

  it('a value shared many times over (exponential as a tree) is bounded, not walked forever', () => {
    let shared: unknown = 1
    for (let i = 0; i < 40; i++) shared = [shared, shared]
    expect(findJsonProblems(shared).map((p) => p.kind)).toEqual(['too_large'])
  })
})

describe('limitJsonDepth', () => {
  it('returns the same value when it is not too deep', () => {
    const value = { a: [1, { b: 2 }] }
    expect(limitJsonDepth(value)).toBe(value)
  })

  it('cuts a 2,500-deep value at the read depth with a marker, keeping key order and odd keys', () => {
    const value = { first: 1, deep: nested(2500), ['__proto__']: 'kept', last: [] }
    const limited = limitJsonDepth(value) as Record<string, unknown>
    expect(Object.keys(limited)).toEqual(['first', 'deep', '__proto__', 'last'])
    expect(Object.getPrototypeOf(limited)).toBe(Object.prototype)
    expect(limited.__proto__).toBe('kept')
    let at: unknown = limited.deep
    let depth = 1 // `limited`
    while (typeof at === 'object' && at !== null) {
      at = (at as { a: unknown }).a
      depth++
    }
    expect(at).toBe(DEEP_VALUE_MARKER)
    expect(depth).toBe(MAX_READ_DEPTH) // containers kept, counting `limited` itself
    expect(() => JSON.stringify(limited)).not.toThrow()
  })
})

describe('jsonTextWithoutNul', () => {
  it('writes NUL as U+FFFD but leaves a literal backslash-u0000 alone', () => {
    expect(JSON.parse(jsonTextWithoutNul({ a: 'x\u0000y', ['k\u0000']: 1 }))).toEqual({ a: 'x\ufffdy', ['k\ufffd']: 1 })
    expect(JSON.parse(jsonTextWithoutNul({ a: '\\u0000', b: '\\\u0000' }))).toEqual({ a: '\\u0000', b: '\\\ufffd' })
    expect(jsonTextWithoutNul(undefined)).toBe('null')
  })
})

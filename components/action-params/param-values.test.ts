import { describe, expect, it } from 'vitest'
import { isExpression, paramAt, parseListText, parseNumberText, setParam } from './param-values'

describe('param values', () => {
  it('setParam writes a nested value without touching the original', () => {
    const before = { a: 1 }
    expect(setParam(before, ['b', 'c'], 'x')).toEqual({ a: 1, b: { c: 'x' } })
    expect(before).toEqual({ a: 1 })
  })

  it('setParam with undefined removes the key, and a nested object left empty goes too', () => {
    expect(setParam({ a: 1, b: { c: 'x' } }, ['b', 'c'], undefined)).toEqual({ a: 1 })
    expect(setParam({ a: 1 }, ['a'], undefined)).toEqual({})
  })

  it('paramAt reads nested values and gives undefined for missing paths', () => {
    expect(paramAt({ b: { c: 2 } }, ['b', 'c'])).toBe(2)
    expect(paramAt({ b: 'x' }, ['b', 'c'])).toBeUndefined()
  })

  it('a string with a {{ }} part is an expression', () => {
    expect([
      isExpression('{{ inputs.n }}'),
      isExpression('a {{x}} b'),
      isExpression('{ x }'),
      isExpression(3),
    ]).toEqual([true, true, false, false])
  })

  it('number text parses to a number, nothing, or a message', () => {
    expect(parseNumberText(' 42 ', true)).toEqual({ value: 42 })
    expect(parseNumberText('', true)).toEqual({ value: undefined })
    expect(parseNumberText('1.5', true)).toEqual({ error: 'Must be a whole number.' })
    expect(parseNumberText('abc', false)).toEqual({ error: 'Must be a number.' })
  })

  it('list text splits on commas and drops blanks', () => {
    expect(parseListText('a, b,,c ')).toEqual(['a', 'b', 'c'])
    expect(parseListText(' , ')).toBeUndefined()
  })
})

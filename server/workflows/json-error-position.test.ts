import { describe, expect, it } from 'vitest'
import { findJsonErrorOffset } from './json-error-position'

describe('findJsonErrorOffset', () => {
  it.each([
    ['{"a": [,]}', 7],
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['[1, 2', 5],
    ['{"a": "unterminated', 19],
    ['{} extra', 3],
    ['', 0],
  ])('points at the first invalid character of %j', (text, offset) => {
    expect(findJsonErrorOffset(text)).toBe(offset)
  })

  it.each(['{"a": [1, 2.5e3, "x\\"y", true, null, {}]}', '  [ ]  '])('finds nothing wrong in valid JSON %j', (text) => {
    expect(findJsonErrorOffset(text)).toBeUndefined()
  })
})

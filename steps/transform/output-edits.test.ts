import { describe, expect, it } from 'vitest'
import {
  addOutputField,
  checkOutputKey,
  outputOf,
  outputReference,
  removeOutputField,
  renameOutputField,
  setOutputValue,
  summarizeOutput,
} from './output-edits'

describe('transform output edits', () => {
  it('adding fields picks free keys and keeps the others', () => {
    const one = addOutputField({ field_1: 'x' })
    expect(one).toEqual({ output: { field_1: 'x', field_2: '' }, key: 'field_2' })
  })

  it('renaming keeps the order of the fields and their values', () => {
    const renamed = renameOutputField({ a: 1, b: '{{ inputs.x }}', c: [true] }, 'b', 'sum')
    expect(Object.entries(renamed)).toEqual([
      ['a', 1],
      ['sum', '{{ inputs.x }}'],
      ['c', [true]],
    ])
  })

  it('a key must be non-empty, short and unused', () => {
    const output = { a: 1, b: 2 }
    expect(checkOutputKey(output, 'a', 'a')).toBeUndefined()
    expect(checkOutputKey(output, 'a', 'c')).toBeUndefined()
    expect(checkOutputKey(output, 'a', ' ')).toBe('A key cannot be empty.')
    expect(checkOutputKey(output, 'a', 'b')).toBe('Another field is already called "b".')
    expect(checkOutputKey(output, 'a', 'k'.repeat(201))).toBe('A key has at most 200 characters.')
  })

  it('removing and setting touch only the named field', () => {
    expect(removeOutputField({ a: 1, b: 2 }, 'a')).toEqual({ b: 2 })
    expect(setOutputValue({ a: 1, b: 2 }, 'b', '{{ run.id }}')).toEqual({ a: 1, b: '{{ run.id }}' })
  })

  it('a map that is not an object reads as empty', () => {
    expect(outputOf(['x'])).toEqual({})
    expect(outputOf('{{ inputs.a }}')).toEqual({})
    expect(outputOf(undefined)).toEqual({})
  })

  it('says how later steps read a field, bracketed when the key is no identifier', () => {
    expect(outputReference('shape', 'sum')).toBe('steps.shape.output.sum')
    expect(outputReference('shape', 'the-sum')).toBe('steps.shape.output["the-sum"]')
  })

  it('summarizes the first keys for the canvas node', () => {
    expect(summarizeOutput({ a: 1, b: 2 })).toBe('a, b')
    expect(summarizeOutput({ a: 1, b: 2, c: 3, d: 4, e: 5 })).toBe('a, b, c +2')
    expect(summarizeOutput({})).toBeUndefined()
  })
})

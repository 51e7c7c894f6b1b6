import { describe, expect, it } from 'vitest'
import {
  addEntry,
  checkEntryName,
  entriesOf,
  removeEntry,
  renameEntry,
  setEntry,
  withKeys,
} from './json-entries-edits'

const variableRule = { identifier: true }

describe('name → JSON value edits', () => {
  it('adding picks the first free name and starts with an empty string', () => {
    const one = addEntry({}, 'var')
    const two = addEntry(one.entries, 'var')
    expect([one.name, two.name]).toEqual(['var_1', 'var_2'])
    expect(two.entries).toEqual({ var_1: '', var_2: '' })
  })

  it('renaming keeps the order of the rows', () => {
    const renamed = renameEntry({ a: 1, b: 2, c: 3 }, 'b', 'region')
    expect(Object.keys(renamed)).toEqual(['a', 'region', 'c'])
    expect(renamed.region).toBe(2)
  })

  it('removing the last row leaves no map', () => {
    expect(removeEntry({ a: 1, b: 2 }, 'a')).toEqual({ b: 2 })
    expect(removeEntry({ a: 1 }, 'a')).toBeUndefined()
  })

  it('setting a value replaces only that row', () => {
    expect(setEntry({ a: 1, b: 2 }, 'b', { nested: [true] })).toEqual({ a: 1, b: { nested: [true] } })
  })

  it('a variable name must be an identifier, not taken and not a reserved word', () => {
    const entries = { region: 'eu', limit: 3 }
    expect(checkEntryName(entries, 'region', 'zone', variableRule)).toBeUndefined()
    expect(checkEntryName(entries, 'region', 'region', variableRule)).toBeUndefined()
    expect(checkEntryName(entries, 'region', 'limit', variableRule)).toMatch(/already called "limit"/)
    expect(checkEntryName(entries, 'region', '2fast', variableRule)).toMatch(/not a variable name/)
    expect(checkEntryName(entries, 'region', 'in', variableRule)).toMatch(/not a variable name/)
    expect(checkEntryName(entries, 'region', '', variableRule)).toMatch(/cannot be empty/)
  })

  it('a metadata key may be any text but not a key with its own field', () => {
    const rule = { identifier: false, reserved: ['tags', 'owner'] }
    expect(checkEntryName({}, 'x', 'cost center', rule)).toBeUndefined()
    expect(checkEntryName({}, 'x', 'owner', rule)).toMatch(/own field/)
  })

  it('anything that is not an object reads as no rows', () => {
    expect(entriesOf([1])).toEqual({})
    expect(entriesOf(null)).toEqual({})
    expect(entriesOf({ a: 1 })).toEqual({ a: 1 })
  })

  it('patching keys sets, removes, and leaves nothing when the last key goes', () => {
    expect(withKeys({ tags: ['a'], cost: 3 }, { owner: 'ops', cost: undefined })).toEqual({
      tags: ['a'],
      owner: 'ops',
    })
    expect(withKeys({ owner: 'ops' }, { owner: undefined })).toBeUndefined()
    expect(withKeys(undefined, { owner: undefined })).toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import { checkInputSchema, validateRunInputs, type TInputSchema } from './input-schema'

const schema: TInputSchema = {
  type: 'object',
  properties: {
    env: { type: 'string', enum: ['dev', 'prod'], default: 'dev' },
    count: { type: 'integer', minimum: 1, maximum: 10 },
    hosts: { type: 'array', items: { type: 'string' }, maxLength: 3 },
    dryRun: { type: 'boolean' },
  },
  required: ['count'],
}

describe('validateRunInputs', () => {
  it('defaults fill missing inputs', () => {
    expect(validateRunInputs(schema, { count: 2 })).toEqual({ ok: true, values: { env: 'dev', count: 2 } })
  })

  it.each([
    { rule: 'a required input must be given', values: {}, path: ['inputs', 'count'], message: /required/ },
    { rule: 'types are checked', values: { count: 'two' }, path: ['inputs', 'count'], message: /integer/ },
    {
      rule: 'enums are checked',
      values: { count: 1, env: 'qa' },
      path: ['inputs', 'env'],
      message: /one of/,
    },
    {
      rule: 'minimum and maximum are checked',
      values: { count: 11 },
      path: ['inputs', 'count'],
      message: /at most 10/,
    },
    {
      rule: 'array items are checked',
      values: { count: 1, hosts: ['a', 2] },
      path: ['inputs', 'hosts'],
      message: /item 1/,
    },
    {
      rule: 'array length is checked',
      values: { count: 1, hosts: ['a', 'b', 'c', 'd'] },
      path: ['inputs', 'hosts'],
      message: /at most 3 items/,
    },
    {
      rule: 'unknown inputs are rejected',
      values: { count: 1, colour: 'red' },
      path: ['inputs', 'colour'],
      message: /Unknown input/,
    },
  ])('$rule', ({ values, path, message }) => {
    const result = validateRunInputs(schema, values)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        code: 'invalid_run_input',
        path,
        message: expect.stringMatching(message) as unknown,
      }),
    )
  })

  it('inputs nested 5,000 deep, with a lone surrogate or a NUL are refused naming each path', () => {
    let deep: unknown = 1
    for (let i = 0; i < 5000; i++) deep = { a: deep }
    const result = validateRunInputs(undefined, { deep, name: 'x\udc00', note: 'a\u0000' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.map((i) => [i.code, i.path.slice(0, 3)])).toEqual([
      ['invalid_run_input', ['inputs', 'deep', 'a']],
      ['invalid_run_input', ['inputs', 'name']],
      ['invalid_run_input', ['inputs', 'note']],
    ])
  })

  it('every problem is reported, not only the first', () => {
    const result = validateRunInputs(schema, { env: 'qa', dryRun: 'yes' })
    expect(result.ok ? [] : result.issues.map((i) => i.path[1])).toEqual(['env', 'count', 'dryRun'])
  })
})

describe('checkInputSchema', () => {
  it.each<{ rule: string; s: TInputSchema }>([
    {
      rule: 'required names must be declared properties',
      s: { type: 'object', properties: {}, required: ['ghost'] },
    },
    {
      rule: 'a default must fit its type',
      s: { type: 'object', properties: { n: { type: 'number', default: 'x' } } },
    },
    {
      rule: 'minimum may not exceed maximum',
      s: { type: 'object', properties: { n: { type: 'number', minimum: 5, maximum: 1 } } },
    },
  ])('$rule', ({ s }) => {
    expect(checkInputSchema(s)).toEqual([expect.objectContaining({ code: 'invalid_input_schema' })])
  })
})

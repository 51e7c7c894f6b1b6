import { describe, expect, it } from 'vitest'
import { issue } from '@/server/engine/workflow-issues'
import {
  collectValues,
  fieldErrorsFromIssues,
  formatValue,
  initialTexts,
  inputSchemaSpecs,
  parseValueText,
  type ValueSpec,
} from './typed-value'

const spec = (type: ValueSpec['type'], more: Partial<ValueSpec> = {}): ValueSpec => ({
  name: 'x',
  type,
  ...more,
})

describe('parseValueText', () => {
  it.each([
    [spec('string'), ' hi ', ' hi '],
    [spec('number'), '1.5', 1.5],
    [spec('integer'), '42', 42],
    [spec('boolean'), 'false', false],
    [spec('string[]'), 'a, b,, c', ['a', 'b', 'c']],
    [spec('array', { itemType: 'integer' }), '1, 2', [1, 2]],
    [spec('array'), '["a", 1]', ['a', 1]],
    [spec('object'), '{"k": 1}', { k: 1 }],
    [spec('integer', { options: [1, 2] }), '2', 2],
  ])('%o reads %j as %j', (s, text, value) => {
    expect(parseValueText(s, text)).toEqual({ ok: true, value })
  })

  it.each([
    [spec('integer'), '1.5', '"x" must be an integer, got "1.5".'],
    [spec('number'), 'abc', '"x" must be a number, got "abc".'],
    [spec('object'), '[1]', '"x" must be a JSON object such as {"key": "value"}, got "[1]".'],
    [spec('string', { options: ['a', 'b'] }), 'c', '"x" must be one of a, b.'],
    [spec('string', { required: true }), '  ', '"x" is required.'],
  ])('%o refuses %j naming the field', (s, text, message) => {
    expect(parseValueText(s, text)).toEqual({ ok: false, message })
  })

  it('an empty field is "not given", also when required with a default (the default applies)', () => {
    expect(parseValueText(spec('integer'), '')).toEqual({ ok: true, value: undefined })
    expect(parseValueText(spec('integer', { required: true, default: 3 }), '')).toEqual({
      ok: true,
      value: undefined,
    })
  })
})

describe('forms of typed values', () => {
  it('collects the given values and every error', () => {
    const specs = [
      spec('integer', { name: 'n' }),
      spec('string', { name: 's', required: true }),
      spec('string', { name: 'o' }),
    ]
    expect(collectValues(specs, { n: 'x', s: '', o: 'ok' })).toEqual({
      values: { o: 'ok' },
      errors: { n: '"n" must be an integer, got "x".', s: '"s" is required.' },
    })
  })

  it('a schema becomes specs with required, options and defaults, and defaults become the first texts', () => {
    const specs = inputSchemaSpecs({
      type: 'object',
      properties: {
        tags: { type: 'array', items: { type: 'string' }, default: ['a', 'b'] },
        env: { type: 'string', enum: ['dev', 'prod'] },
      },
      required: ['env'],
    })
    expect(specs).toEqual([
      {
        name: 'tags',
        type: 'array',
        required: false,
        description: undefined,
        default: ['a', 'b'],
        options: undefined,
        itemType: 'string',
      },
      {
        name: 'env',
        type: 'string',
        required: true,
        description: undefined,
        default: undefined,
        options: ['dev', 'prod'],
        itemType: undefined,
      },
    ])
    expect(initialTexts(specs)).toEqual({ tags: 'a, b', env: '' })
    expect(formatValue({ type: 'object' }, { a: 1 })).toBe('{"a":1}')
  })

  it('server issues go under their field; others stay for the summary', () => {
    const field = issue({
      code: 'invalid_run_input',
      message: 'Input "n" is required.',
      path: ['inputs', 'n'],
    })
    const other = issue({ code: 'invalid_run_input', message: 'Unknown input "z".', path: ['inputs', 'z'] })
    expect(fieldErrorsFromIssues([field, other], 'inputs', ['n'])).toEqual({
      fields: { n: 'Input "n" is required.' },
      rest: [other],
    })
  })
})

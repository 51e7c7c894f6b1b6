import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { describeParamsForm, MAX_FORM_DEPTH, type ParamField } from './param-schema'

const formOf = (schema: z.ZodType) =>
  describeParamsForm(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }))
const kinds = (fields: readonly ParamField[] | undefined) => fields?.map((f) => [f.key, f.kind, f.required])

describe('describeParamsForm', () => {
  it('reads each property into a field of its kind, required ones first, then by name', () => {
    const form = formOf(
      z.object({
        host: z.string().min(1).describe('Host to probe'),
        port: z.number().int().min(1).max(65535).default(22),
        ratio: z.number().optional(),
        verbose: z.boolean().optional(),
        mode: z.enum(['fast', 'full']),
        hosts: z.array(z.string()).optional(),
        note: z.string().nullable().optional(),
      }),
    )
    expect(kinds(form?.fields)).toEqual([
      ['host', 'string', true],
      ['mode', 'enum', true],
      ['hosts', 'string-list', false],
      ['note', 'string', false],
      ['port', 'number', false],
      ['ratio', 'number', false],
      ['verbose', 'boolean', false],
    ])
    expect(form?.fields[0]).toMatchObject({ description: 'Host to probe', minLength: 1 })
    expect(form?.fields[4]).toMatchObject({ integer: true, minimum: 1, maximum: 65535, default: 22 })
    expect(form?.fields[1]).toMatchObject({ options: ['fast', 'full'] })
  })

  it('nests objects as groups, and past the depth limit falls back to raw JSON', () => {
    const form = formOf(z.object({ a: z.object({ b: z.object({ c: z.object({ d: z.string() }) }) }) }))
    const a = form?.fields[0]
    expect(a?.kind).toBe('object')
    const b = a?.kind === 'object' ? a.form.fields[0] : undefined
    const c = b?.kind === 'object' ? b.form.fields[0] : undefined
    expect(MAX_FORM_DEPTH).toBe(3)
    expect([b?.kind, c?.kind, c?.path]).toEqual(['object', 'json', ['a', 'b', 'c']])
  })

  it('keeps values the form cannot split (unions, lists of objects, records) as raw JSON', () => {
    const form = formOf(
      z.object({
        either: z.union([z.string(), z.number()]),
        rows: z.array(z.object({ x: z.number() })),
        headers: z.record(z.string(), z.string()),
      }),
    )
    expect(kinds(form?.fields)).toEqual([
      ['either', 'json', true],
      ['headers', 'json', true],
      ['rows', 'json', true],
    ])
  })

  it('knows whether keys outside the schema are allowed', () => {
    expect(formOf(z.strictObject({ a: z.string() }))?.openKeys).toBe(false)
    expect(formOf(z.looseObject({ a: z.string() }))?.openKeys).toBe(true)
  })

  it('offers no form for a schema without named properties', () => {
    expect(formOf(z.record(z.string(), z.unknown()))).toBeUndefined()
    expect(formOf(z.strictObject({}))).toBeUndefined()
    expect(describeParamsForm(undefined)).toBeUndefined()
    expect(describeParamsForm({ type: 'string' })).toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { findParamIssues } from './param-issues'
import { describeParamsForm, type ParamForm } from './param-schema'

const form = describeParamsForm(
  z.toJSONSchema(
    z.strictObject({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).default(22),
      mode: z.enum(['fast', 'full']),
      verbose: z.boolean().optional(),
      hosts: z.array(z.string()).max(2).optional(),
      auth: z.object({ user: z.string(), key: z.string().regex(/^ssh-/).optional() }).optional(),
    }),
    { io: 'input' },
  ),
) as ParamForm

const problems = (params: unknown) => findParamIssues(form, params).map((i) => [i.path.join('.'), i.message])

describe('findParamIssues', () => {
  it('accepts params that satisfy every field', () => {
    expect(
      problems({ host: 'a', port: 2, mode: 'fast', verbose: true, hosts: ['x'], auth: { user: 'u' } }),
    ).toEqual([])
  })

  it('names every missing required field, but not one with a default', () => {
    expect(problems({})).toEqual([
      ['host', 'Required.'],
      ['mode', 'Required.'],
    ])
  })

  it('reports wrong types, ranges, choices and patterns, each at its own path', () => {
    expect(
      problems({
        host: '',
        port: 1.5,
        mode: 'slow',
        verbose: 'yes',
        hosts: ['a', 'b', 'c'],
        auth: { user: 7, key: 'rsa' },
      }),
    ).toEqual([
      ['host', 'Required.'],
      ['mode', 'Must be one of fast, full.'],
      ['auth.user', 'Must be text.'],
      ['auth.key', 'Must match ^ssh-.'],
      ['hosts', 'At most 2 items.'],
      ['port', 'Must be a whole number.'],
      ['verbose', 'Must be true or false.'],
    ])
  })

  it('lets a {{ }} expression stand in any field, whatever its type', () => {
    expect(
      problems({
        host: '{{ inputs.host }}',
        port: '{{ inputs.port }}',
        mode: '{{ vars.mode }}',
        verbose: '{{ true }}',
        hosts: '{{ inputs.hosts }}',
      }),
    ).toEqual([])
  })

  it('flags keys a closed schema does not name', () => {
    expect(problems({ host: 'a', mode: 'full', colour: 'red' })).toEqual([
      ['colour', 'Not a parameter of this action.'],
    ])
  })
})

import { describe, expect, it } from 'vitest'
import { inputSchemaSpecs } from '@/components/ui/typed-value'
import { ZInputSchema } from '@/server/engine/input-schema'
import { exampleInputs } from './example-inputs'

describe('exampleInputs', () => {
  it('uses defaults, fills required inputs by type or first option, and leaves optional ones out', () => {
    const schema = ZInputSchema.parse({
      type: 'object',
      properties: {
        host: { type: 'string' },
        times: { type: 'integer', default: 3 },
        mode: { type: 'string', enum: ['fast', 'safe'] },
        dryRun: { type: 'boolean' },
        note: { type: 'string' },
      },
      required: ['host', 'mode', 'dryRun'],
    })
    expect(exampleInputs(inputSchemaSpecs(schema))).toEqual({
      host: 'example',
      times: 3,
      mode: 'fast',
      dryRun: true,
    })
  })

  it('is empty for a workflow without inputs', () => {
    expect(exampleInputs(inputSchemaSpecs(undefined))).toEqual({})
  })
})

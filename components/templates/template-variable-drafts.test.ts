import { describe, expect, it } from 'vitest'
import { initialDrafts, toVariables } from './template-variable-drafts'

describe('template variable drafts', () => {
  it('each placeholder starts as an optional string with no default', () => {
    expect(toVariables(initialDrafts(['service', 'port']))).toEqual({
      variables: [
        { name: 'service', type: 'string' },
        { name: 'port', type: 'string' },
      ],
      errors: {},
    })
  })

  it('a default is parsed by the type, and required and a trimmed description are kept', () => {
    const drafts = {
      port: { type: 'integer' as const, required: true, defaultText: ' 8080 ', description: ' TCP port ' },
    }
    expect(toVariables(drafts).variables).toEqual([
      { name: 'port', type: 'integer', required: true, default: 8080, description: 'TCP port' },
    ])
  })

  it('a default that does not parse as its type is an error named after the variable', () => {
    const drafts = {
      port: { type: 'number' as const, required: false, defaultText: 'eighty', description: '' },
    }
    expect(toVariables(drafts).errors).toEqual({ port: 'Default of "port" must be a number, got "eighty".' })
  })
})

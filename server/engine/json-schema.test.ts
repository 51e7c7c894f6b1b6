import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { WORKFLOW_SCHEMA_ID, workflowJsonSchema } from './json-schema'

describe('workflowJsonSchema', () => {
  it('the committed docs/workflow.schema.json equals the generated schema (run npm run schema:publish)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../docs/workflow.schema.json', import.meta.url)), 'utf8'),
    )
    expect(committed).toEqual(workflowJsonSchema())
  })
  it('is draft 2020-12 with the published $id', () => {
    expect(workflowJsonSchema()).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: WORKFLOW_SCHEMA_ID,
      required: ['name', 'steps'],
    })
  })
  it('describes every step type as one option of the steps union', () => {
    const schema = workflowJsonSchema() as {
      properties: { steps: { items: { oneOf: { properties: { type: { const: string } } }[] } } }
    }
    expect(schema.properties.steps.items.oneOf.map((option) => option.properties.type.const)).toEqual([
      'command',
      'condition',
      'parallel',
      'wait',
      'webhook',
      'transform',
      'workflow',
      'fail',
    ])
  })
})

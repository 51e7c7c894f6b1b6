// The published JSON Schema of the workflow document, generated from the zod schema so
// editors and other tools validate exactly what the server accepts.
import { z } from 'zod'
import { STEP_TYPE_NAMES } from '@/steps/registry'
import { ZWorkflowDefinition } from './workflow-schema'

export const WORKFLOW_SCHEMA_ID = 'https://relayflow.dev/schema/workflow-v1.json'

export function workflowJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ZWorkflowDefinition, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  })
  const { $schema, ...rest } = generated
  return {
    $schema,
    $id: WORKFLOW_SCHEMA_ID,
    ...rest,
    title: 'Relayflow workflow (schemaVersion 1)',
    description:
      `A Relayflow workflow document: a DAG of steps (${STEP_TYPE_NAMES.join(', ')}) run by the runner and on devices. ` +
      'The server additionally checks the graph, expressions and references; see docs/workflow-format.md.',
  }
}

import { describe, expect, it } from 'vitest'
import { validateWorkflow } from './validate-workflow'
import { evaluateWorkflowOutputs } from './workflow-outputs'
import type { TWorkflowDefinition } from './workflow-schema'

const doc = (extra: Record<string, unknown>) => ({
  name: 'Outputs',
  steps: [{ id: 'say', name: 'say', type: 'command', action: 'echo' }],
  ...extra,
})
const run = { id: 'r1', workflowId: 'w1', version: 1, startedAt: '2030-01-01T00:00:00Z' }

describe('workflow outputs', () => {
  it('an output reading a step that does not exist is reported at its path', () => {
    const result = validateWorkflow(doc({ outputs: { x: 'steps.nope.output' } }))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.issues).toContainEqual(expect.objectContaining({ code: 'unknown_step_reference', path: ['outputs', 'x'] }))
  })

  it('an output that does not parse is reported naming the output', () => {
    const result = validateWorkflow(doc({ outputs: { x: 'steps.say.output +' } }))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.issues[0]?.message).toMatch(/^Output "x"/)
  })

  it('outputs are evaluated over inputs, vars and step outputs', () => {
    const parsed = validateWorkflow(doc({ variables: { k: 2 }, outputs: { sum: 'steps.say.output.n * vars.k + inputs.base' } }))
    if (!parsed.ok) throw new Error('invalid')
    const result = evaluateWorkflowOutputs(parsed.workflow, run, { base: 1 }, [
      { stepId: 'say', status: 'succeeded', output: { n: 20 }, error: null },
    ])
    expect(result).toEqual({ ok: true, outputs: { sum: 41 } })
  })

  it('an output that fails to evaluate names the output', () => {
    const definition = { ...doc({}), outputs: { x: 'steps.say.output.missing' } } as unknown as TWorkflowDefinition
    const result = evaluateWorkflowOutputs(definition, run, {}, [{ stepId: 'say', status: 'succeeded', output: {}, error: null }])
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toMatch(/^Output "x"/)
  })

  it('a new workflow step asks for the workflow it runs', () => {
    const result = validateWorkflow({
      name: 'Caller',
      steps: [{ id: 'call', name: 'call', type: 'workflow', workflow: { id: '' } }],
    })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.issues).toContainEqual(expect.objectContaining({ path: ['steps', 0, 'workflow', 'id'], message: 'Pick the workflow this step runs.' }))
  })
})

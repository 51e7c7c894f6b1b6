import { describe, expect, it } from 'vitest'
import { WorkflowError } from '../errors'
import { ZWorkflowDefinition } from '../workflow-schema'
import { compileRun } from './compiled-run'
import { planRunResume } from './run-state'
import { planStepTest } from './step-test-plan'

const definition = ZWorkflowDefinition.parse({
  name: 't',
  concurrency: { limit: 1 },
  steps: [
    { id: 'fetch', name: 'fetch', type: 'command', action: 'echo', onSuccess: 'check' },
    { id: 'check', name: 'check', type: 'condition', expression: 'true' },
    { id: 'shape', name: 'shape', type: 'transform', output: { v: '{{ steps.fetch.output.v }}' },
      dependencies: [{ step: 'check', on: 'false' }], onSuccess: 'after' },
    { id: 'after', name: 'after', type: 'command', action: 'echo' },
    { id: 'side', name: 'side', type: 'command', action: 'echo' },
  ],
})

function readiness(plan: ReturnType<typeof planStepTest>) {
  const kept = new Map([...plan.kept].map(([id, k]) => [id, { status: k.status, conditionResult: k.conditionResult }]))
  return Object.fromEntries(planRunResume(compileRun(plan.definition), kept).states)
}

describe('the run that tests one step', () => {
  it('keeps every upstream step with its sample output and leaves only the tested step to run', () => {
    const plan = planStepTest(definition, { stepId: 'shape', upstream: { fetch: { v: 1 } } })
    expect(plan.definition.steps.map((s) => s.id)).toEqual(['fetch', 'check', 'shape'])
    expect(plan.kept.get('fetch')?.output).toEqual({ v: 1 })
    expect(plan.kept.get('check')?.output).toBeNull()
    expect(readiness(plan)).toEqual({
      fetch: { status: 'succeeded' },
      check: { status: 'succeeded' },
      shape: { status: 'ready' },
    })
  })

  it('readies the tested step even when its edge would not be taken by the sample outputs', () => {
    const plan = planStepTest(definition, { stepId: 'shape', upstream: { check: { result: true } } })
    expect(plan.kept.get('check')?.conditionResult).toBe(true)
    expect(readiness(plan).shape).toEqual({ status: 'ready' })
  })

  it('tests a root step alone, outside the concurrency limit', () => {
    const plan = planStepTest(definition, { stepId: 'side', upstream: {} })
    expect(plan.definition.steps.map((s) => s.id)).toEqual(['side'])
    expect(plan.definition.concurrency).toBeUndefined()
    expect(readiness(plan)).toEqual({ side: { status: 'ready' } })
  })

  it('pins a command step to the chosen device', () => {
    const plan = planStepTest(definition, { stepId: 'after', upstream: {}, deviceId: 'd-7' })
    expect(plan.definition.steps.find((s) => s.id === 'after')).toMatchObject({ target: { deviceId: 'd-7' } })
  })

  it.each([
    { rule: 'an unknown step', request: { stepId: 'nope', upstream: {} }, code: 'not_found' },
    { rule: 'sample data for a step that is not upstream', request: { stepId: 'shape', upstream: { side: 1 } }, code: 'invalid_inputs' },
    { rule: 'a device for a step that is not a command', request: { stepId: 'shape', upstream: {}, deviceId: 'd' }, code: 'invalid_inputs' },
  ])('refuses $rule', ({ request, code }) => {
    expect(() => planStepTest(definition, request)).toThrow(WorkflowError)
    expect(() => planStepTest(definition, request)).toThrow(expect.objectContaining({ code }) as Error)
  })
})

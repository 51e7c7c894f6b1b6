import { describe, expect, it } from 'vitest'
import { validateWorkflow } from '@/server/engine/validate-workflow'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import { isInProcessStepType, ZWorkflowStep } from '../registry'

type Step = Record<string, unknown>
const transform = (id: string, output: unknown, extra: Step = {}): Step => ({
  id,
  type: 'transform',
  name: id,
  output,
  ...extra,
})
const doc = (steps: Step[]) => ({
  name: 'Transform',
  inputs: { type: 'object', properties: { a: { type: 'integer' }, b: { type: 'integer' } } },
  variables: { region: 'eu' },
  steps,
})

function issuesOf(input: unknown): WorkflowIssue[] {
  const result = validateWorkflow(input)
  return result.ok ? result.warnings : result.issues
}

describe('transform step schema', () => {
  it('accepts an output map of templates, literals and nested objects and lists', () => {
    const step = transform('t', {
      sum: '{{ inputs.a + inputs.b }}',
      tag: 'fixed',
      count: 3,
      nested: { list: ['{{ vars.region }}', true, null], label: 'in {{ vars.region }}' },
    })
    expect(ZWorkflowStep.safeParse(step).success).toBe(true)
    expect(validateWorkflow(doc([step]))).toMatchObject({ ok: true, warnings: [] })
  })

  it.each([
    ['a missing output', { id: 't', type: 'transform', name: 't' }, ['output']],
    ['an output that is a list', transform('t', ['{{ inputs.a }}']), ['output']],
    ['an output that is a string', transform('t', '{{ inputs.a }}'), ['output']],
    ['an empty output key', transform('t', { '': 1 }), ['output', '']],
    [
      'a device target (a transform runs on no device)',
      transform('t', {}, { target: { deviceId: 'x' } }),
      [],
    ],
  ])('refuses %s, naming the step and path', (_name, step, path) => {
    const issues = issuesOf(doc([step]))
    expect(issues.length).toBeGreaterThan(0)
    expect(issues[0]).toMatchObject({ code: 'schema_error', stepId: 't', severity: 'error' })
    expect(issues[0]?.path.slice(0, 2 + path.length)).toEqual(['steps', 0, ...path])
  })

  it('is an in-process step type, like condition; device steps are not', () => {
    expect(isInProcessStepType('transform')).toBe(true)
    expect(isInProcessStepType('condition')).toBe(true)
    for (const type of ['command', 'parallel', 'wait', 'webhook', 'nope'])
      expect(isInProcessStepType(type)).toBe(false)
  })
})

describe('transform step validation', () => {
  it('reports a template syntax error at the nested output path with its range', () => {
    const issues = issuesOf(doc([transform('shape', { deep: { list: ['ok', 'x {{ inputs.a + }}'] } })]))
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'invalid_expression',
        stepId: 'shape',
        path: ['steps', 0, 'output', 'deep', 'list', 1],
        severity: 'error',
      }),
    ])
    expect(issues[0]?.range?.start).toBeGreaterThanOrEqual(5)
  })

  it('reports an unterminated template naming the output key', () => {
    expect(issuesOf(doc([transform('shape', { sum: '{{ inputs.a' })]))).toEqual([
      expect.objectContaining({ code: 'unterminated_template', path: ['steps', 0, 'output', 'sum'] }),
    ])
  })

  it('reports unknown inputs, variables and steps, and steps that are not upstream', () => {
    const issues = issuesOf(
      doc([
        transform('first', { x: '{{ inputs.c }}', y: '{{ vars.nope }}', z: '{{ steps.ghost.output }}' }),
        transform('second', { w: '{{ steps.third.output.v }}' }),
        transform('third', { v: 1 }),
      ]),
    )
    expect(issues.map((i) => [i.code, i.stepId, i.path.slice(2).join('.')])).toEqual([
      ['unknown_input', 'first', 'output.x'],
      ['unknown_variable', 'first', 'output.y'],
      ['unknown_step_reference', 'first', 'output.z'],
      ['step_not_upstream', 'second', 'output.w'],
    ])
  })

  it('refuses secrets and item in a transform output', () => {
    const issues = issuesOf(doc([transform('t', { s: '{{ secrets.token }}', i: '{{ item }}' })]))
    expect(issues.map((i) => i.code).sort()).toEqual(['item_outside_parallel', 'secret_not_allowed'])
  })

  it('warns when a value reads like a reference but has no {{ }}, and it stays literal', () => {
    const result = validateWorkflow(doc([transform('t', { sum: 'inputs.a', note: 'steps are fun' })]))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: 'invalid_step_params',
        severity: 'warning',
        stepId: 't',
        path: ['steps', 0, 'output', 'sum'],
        message: '"inputs.a" is kept as literal text; write {{ inputs.a }} to read the value.',
      }),
    ])
  })

  it('a transform offers success, failure and always edges but not true / false', () => {
    const issues = issuesOf(
      doc([
        transform('t', { v: 1 }),
        transform('u', { v: 2 }, { dependencies: [{ step: 't', on: 'true' }] }),
      ]),
    )
    expect(issues).toEqual([expect.objectContaining({ code: 'invalid_edge_kind', stepId: 'u' })])
  })
})

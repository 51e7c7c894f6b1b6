import { describe, expect, it } from 'vitest'
import { ZWorkflowStep, getStepType, stepTypes } from './registry'

describe('step registry', () => {
  it('lists the step types in palette order', () => {
    expect(stepTypes.map((s) => s.type)).toEqual([
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
  it.each(stepTypes.map((s) => ({ type: s.type, definition: s })))(
    'a new $type step built from its defaults is valid',
    ({ type, definition }) => {
      const step = { id: 'new_step', name: definition.label, type, ...definition.defaults() }
      expect(ZWorkflowStep.safeParse(step).success).toBe(true)
    },
  )
  it('only condition steps offer true and false edges', () => {
    const offering = stepTypes.filter((s) => s.outgoing.includes('true')).map((s) => s.type)
    expect(offering).toEqual(['condition'])
  })
  it('getStepType finds registered types and nothing else', () => {
    expect(getStepType('webhook')?.label).toBe('Webhook')
    expect(getStepType('script')).toBeUndefined()
  })
  it('templateFields lists the template-capable strings with their paths', () => {
    const parallel = getStepType('parallel')
    const step = ZWorkflowStep.parse({
      id: 'p',
      name: 'P',
      type: 'parallel',
      action: 'echo',
      over: 'items',
      items: '{{ inputs.list }}',
      params: { a: ['{{ item }}'] },
    })
    expect(parallel?.templateFields(step)).toEqual([
      { path: ['params', 'a', 0], value: '{{ item }}', itemScope: true },
      { path: ['items'], value: '{{ inputs.list }}' },
    ])
  })
})

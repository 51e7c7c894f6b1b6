import { describe, expect, it } from 'vitest'
import type { StepDoc, WorkflowDoc } from '@/components/canvas/canvas-types'
import {
  addEdge,
  checkConnection,
  checkStepId,
  newStep,
  removeEdges,
  removeSteps,
  renameStep,
  uniqueStepId,
  updateStep,
} from './graph-edits'

const base: WorkflowDoc = {
  name: 'T',
  steps: [
    { id: 'a', type: 'command', name: 'A', action: 'echo' },
    { id: 'b', type: 'command', name: 'B', action: 'echo', dependencies: ['a'] },
    { id: 'c', type: 'condition', name: 'C', expression: 'steps.b.output.ok', dependencies: ['b'] },
  ] as StepDoc[],
}

describe('checkConnection', () => {
  it.each([
    ['a self-loop', 'a', 'a', 'success', 'cannot depend on itself'],
    ['a duplicate edge', 'a', 'b', 'failure', 'already connected'],
    ['a cycle', 'c', 'a', 'true', 'cycle: a → b → c → a'],
    ['an edge kind the source lacks', 'a', 'c', 'true', 'no "true" edge'],
  ])('refuses %s with the reason', (_label, from, to, kind, reason) => {
    const result = checkConnection(base, from, to, kind)
    expect(result.ok).toBe(false)
    expect(result.ok ? '' : result.reason).toContain(reason)
  })
  it('accepts a new forward edge', () => {
    expect(checkConnection(base, 'a', 'c', 'always')).toEqual({ ok: true })
  })
})

describe('edits', () => {
  it('addEdge stores the dependency canonically on the target', () => {
    const out = addEdge(base, { from: 'c', to: 'a', kind: 'false' })
    expect(out.steps[0]?.dependencies).toEqual([{ step: 'c', on: 'false' }])
    expect(out.steps[1]).toBe(base.steps[1])
  })
  it('removeEdges drops exactly that edge', () => {
    const out = removeEdges(base, [{ from: 'a', to: 'b', kind: 'success' }])
    expect(out.steps[1]).not.toHaveProperty('dependencies')
    expect(out.steps[2]?.dependencies).toEqual(['b'])
  })
  it('removeSteps drops the steps and the edges that touch them', () => {
    const out = removeSteps(base, new Set(['b']))
    expect(out.steps.map((s) => s.id)).toEqual(['a', 'c'])
    expect(out.steps[1]).not.toHaveProperty('dependencies')
  })
  it('updateStep sets and removes fields', () => {
    const out = updateStep(base, 'a', { name: 'Renamed', action: undefined })
    expect(out.steps[0]).toEqual({ id: 'a', type: 'command', name: 'Renamed' })
  })
  it('renameStep updates dependencies and steps.<id> references', () => {
    const out = renameStep(base, 'b', 'build')
    expect(out.steps[1]?.id).toBe('build')
    expect(out.steps[2]).toMatchObject({ dependencies: ['build'], expression: 'steps.build.output.ok' })
  })
  it('checkStepId refuses odd characters, reserved words and taken ids', () => {
    expect(checkStepId(base, 'a', 'has space').ok).toBe(false)
    expect(checkStepId(base, 'a', 'in').ok).toBe(false)
    expect(checkStepId(base, 'a', 'b').ok).toBe(false)
    expect(checkStepId(base, 'a', 'fine_id').ok).toBe(true)
  })
})

describe('new steps', () => {
  it('get the first free <type>_<n> id', () => {
    expect(uniqueStepId('command', new Set())).toBe('command_1')
    expect(uniqueStepId('command', new Set(['command_1']))).toBe('command_2')
  })
  it('take their fields from the registry defaults', () => {
    const step = newStep(base, 'wait', { x: 10.4, y: 20.6 })
    expect(step).toEqual({
      id: 'wait_1',
      type: 'wait',
      name: 'Wait 1',
      wait: { kind: 'duration', duration: '1m' },
      position: { x: 10, y: 21 },
    })
    expect(newStep(base, 'teleport', { x: 0, y: 0 })).toBeUndefined()
  })
})

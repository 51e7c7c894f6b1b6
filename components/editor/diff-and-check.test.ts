import { describe, expect, it } from 'vitest'
import { diffWorkflows } from './diff-workflows'
import type { StepDoc } from '@/components/canvas/canvas-types'
import { checkExpressionText, checkTemplateText, describePosition } from '@/components/code-editor/expression-check'

describe('diffWorkflows', () => {
  it('reports added, removed and changed steps, ignoring moves', () => {
    const a = { id: 'a', type: 'command', name: 'A', action: 'echo', position: { x: 0, y: 0 } } as StepDoc
    const b = { id: 'b', type: 'command', name: 'B', action: 'echo' } as StepDoc
    const c = { id: 'c', type: 'command', name: 'C', action: 'echo' } as StepDoc
    const diff = diffWorkflows(
      { steps: [a, b] },
      { steps: [{ ...a, position: { x: 9, y: 9 } }, { ...b, name: 'B2' }, c] },
    )
    expect(diff).toMatchObject({ added: ['c'], removed: [], changed: ['b'] })
    expect(diff.steps.get('a')).toBe('unchanged')
    expect(diffWorkflows({ steps: [a] }, { steps: [] }).removed).toEqual(['a'])
  })
})

describe('expression checks while typing', () => {
  it('accepts a valid condition and names the position of a bad one', () => {
    expect(checkExpressionText('steps.a.output.code == 0')).toBeUndefined()
    const problem = checkExpressionText('steps.a.output.code == ')
    expect(problem?.message).toContain('Invalid expression')
    expect(problem!.start).toBeGreaterThan(0)
  })
  it('checks each {{ }} of a template, with offsets in the whole string', () => {
    expect(checkTemplateText('https://x/{{ inputs.host }}')).toBeUndefined()
    expect(checkTemplateText('plain text')).toBeUndefined()
    expect(checkTemplateText('a {{ b')?.message).toContain('Unterminated')
    const bad = checkTemplateText('ab {{ 1 + }}')
    expect(bad!.start).toBeGreaterThanOrEqual(6)
  })
  it('describes positions as 1-based columns', () => {
    expect(describePosition({ start: 0, end: 1 })).toBe('column 1')
    expect(describePosition({ start: 2, end: 6 })).toBe('columns 3–6')
  })
})

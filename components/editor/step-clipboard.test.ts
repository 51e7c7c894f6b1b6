import { describe, expect, it } from 'vitest'
import type { StepDoc, WorkflowDoc } from '@/components/canvas/canvas-types'
import { copySteps, parseClipboard, pasteSteps } from './step-clipboard'

const base: WorkflowDoc = {
  name: 'T',
  steps: [
    { id: 'a', type: 'command', name: 'A', action: 'echo', position: { x: 0, y: 0 } },
    { id: 'b', type: 'command', name: 'B', action: 'echo', dependencies: ['a'], position: { x: 300, y: 0 } },
    { id: 'c', type: 'command', name: 'C', action: 'echo', dependencies: ['b'], position: { x: 600, y: 0 } },
  ] as StepDoc[],
}

describe('copy and paste', () => {
  it('pasting copies gives fresh ids, keeps edges among them and drops the others', () => {
    const parsed = parseClipboard(copySteps(base, new Set(['b', 'c'])))
    if (!parsed.ok) throw new Error(parsed.reason)
    const { doc, ids } = pasteSteps(base, parsed.steps)
    expect(ids).toEqual(['b_1', 'c_1'])
    const [b1, c1] = doc.steps.slice(3)
    expect(b1).not.toHaveProperty('dependencies')
    expect(c1?.dependencies).toEqual(['b_1'])
    expect(c1?.position).toEqual({ x: 640, y: 40 })
  })
  it('pasting into another workflow keeps ids that are free', () => {
    const other: WorkflowDoc = { name: 'O', steps: [] }
    const parsed = parseClipboard(JSON.stringify(base))
    if (!parsed.ok) throw new Error(parsed.reason)
    expect(pasteSteps(other, parsed.steps).ids).toEqual(['a', 'b', 'c'])
  })
  it.each([
    ['not JSON', 'hello', 'not JSON'],
    ['a number', '42', 'not a list of steps'],
    ['steps without ids', '[{"type":"command"}]', 'string "id"'],
  ])('refuses %s with a reason', (_label, text, reason) => {
    const parsed = parseClipboard(text)
    expect(parsed.ok).toBe(false)
    expect(parsed.ok ? '' : parsed.reason).toContain(reason)
  })
})

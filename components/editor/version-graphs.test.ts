import { describe, expect, it } from 'vitest'
import type { StepDoc, WorkflowDoc } from '@/components/canvas/canvas-types'
import { compareVersions } from './version-graphs'

const doc = (steps: WorkflowDoc['steps']): WorkflowDoc => ({ name: 'w', steps })
const a: StepDoc = { id: 'a', name: 'A', type: 'command', action: 'echo', position: { x: 0, y: 0 } }
const b: StepDoc = {
  id: 'b',
  name: 'B',
  type: 'command',
  action: 'echo',
  dependencies: ['a'],
  position: { x: 300, y: 0 },
}

const classes = (nodes: { id: string; className?: string }[]) =>
  Object.fromEntries(nodes.map((n) => [n.id, n.className]))

describe('compareVersions', () => {
  const result = compareVersions(
    doc([a, b, { id: 'gone', name: 'Gone', type: 'command', action: 'echo' }]),
    doc([
      a,
      { ...b, name: 'B renamed' },
      { id: 'new', name: 'New', type: 'wait', wait: { kind: 'duration', duration: '1s' } },
    ]),
  )

  it('side by side, the old canvas marks removed and changed steps, the new one added and changed', () => {
    expect(classes(result.before.nodes)).toEqual({
      a: 'diff-unchanged',
      b: 'diff-changed',
      gone: 'diff-removed',
    })
    expect(classes(result.after.nodes)).toEqual({ a: 'diff-unchanged', b: 'diff-changed', new: 'diff-added' })
  })

  it('the overlay shows the new version plus the removed steps', () => {
    expect(classes(result.overlay.nodes)).toEqual({
      a: 'diff-unchanged',
      b: 'diff-changed',
      new: 'diff-added',
      gone: 'diff-removed',
    })
    expect(result.summary).toBe('1 added (new) · 1 changed (b) · 1 removed (gone)')
  })

  it('each side draws its own version’s edges', () => {
    expect(result.before.edges.map((e) => e.id)).toEqual(['a->b:success'])
    expect(result.after.edges.map((e) => e.id)).toEqual(['a->b:success'])
  })
})

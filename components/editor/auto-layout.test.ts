import { describe, expect, it } from 'vitest'
import { layoutSteps, overlappingPairs } from './auto-layout'
import type { StepDoc } from '@/components/canvas/canvas-types'

function chainWithBranches(n: number): StepDoc[] {
  const steps: StepDoc[] = []
  for (let i = 0; i < n; i++) {
    const deps = i === 0 ? [] : [`s${Math.floor((i - 1) / 2)}`]
    steps.push({ id: `s${i}`, type: 'command', name: `S${i}`, action: 'echo', dependencies: deps, position: { x: 0, y: 0 } })
  }
  return steps
}

describe('auto-layout', () => {
  it('lays a tree out left to right with no overlapping boxes', async () => {
    const steps = chainWithBranches(40)
    const positions = await layoutSteps(steps, new Map())
    const boxes = steps.map((s) => ({ id: s.id, ...positions.get(s.id)!, width: 240, height: 96 }))
    expect(overlappingPairs(boxes)).toEqual([])
    expect(positions.get('s1')!.x).toBeGreaterThan(positions.get('s0')!.x)
  })
  it('uses measured sizes', async () => {
    const steps = chainWithBranches(6)
    const sizes = new Map(steps.map((s) => [s.id, { width: 400, height: 200 }]))
    const positions = await layoutSteps(steps, sizes)
    const boxes = steps.map((s) => ({ id: s.id, ...positions.get(s.id)!, ...sizes.get(s.id)! }))
    expect(overlappingPairs(boxes)).toEqual([])
  })
  it('overlappingPairs finds overlaps and ignores touching boxes', () => {
    expect(
      overlappingPairs([
        { id: 'a', x: 0, y: 0, width: 10, height: 10 },
        { id: 'b', x: 5, y: 5, width: 10, height: 10 },
        { id: 'c', x: 15, y: 0, width: 10, height: 10 },
      ]),
    ).toEqual([['a', 'b']])
  })
})

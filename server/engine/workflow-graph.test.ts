import { describe, expect, it } from 'vitest'
import type { TEdgeKind } from './step-common'
import {
  ancestorIndex,
  buildGraph,
  decideJoin,
  findCycles,
  isEdgeTaken,
  topologicalOrder,
  type GraphStep,
  type SourceOutcome,
} from './workflow-graph'

const cmd = (id: string, extra: Partial<GraphStep> = {}): GraphStep => ({ id, type: 'command', ...extra })
const ok: SourceOutcome = { status: 'succeeded' }
const failed: SourceOutcome = { status: 'failed' }
const skipped: SourceOutcome = { status: 'skipped' }
const isTrue: SourceOutcome = { status: 'succeeded', conditionResult: true }
const isFalse: SourceOutcome = { status: 'succeeded', conditionResult: false }

describe('buildGraph', () => {
  it('dependencies, onSuccess and onFailure become one edge list', () => {
    const graph = buildGraph({
      steps: [
        cmd('a', { onSuccess: 'b', onFailure: ['c'] }),
        cmd('b'),
        cmd('c'),
        cmd('d', { dependencies: ['b', { step: 'c', on: 'always' }] }),
      ],
    })
    expect(graph.edges.map((e) => `${e.from}-${e.kind}->${e.to}`)).toEqual([
      'a-success->b',
      'a-failure->c',
      'b-success->d',
      'c-always->d',
    ])
    expect(graph.roots).toEqual(['a'])
  })
  it('an edge declared twice the same way is kept once', () => {
    const graph = buildGraph({ steps: [cmd('a', { onSuccess: 'b' }), cmd('b', { dependencies: ['a'] })] })
    expect(graph.edges).toHaveLength(1)
    expect(graph.issues).toEqual([])
  })
  it('the same pair declared with two kinds is a conflicting edge', () => {
    const graph = buildGraph({ steps: [cmd('a', { onFailure: 'b' }), cmd('b', { dependencies: ['a'] })] })
    expect(graph.issues).toEqual([expect.objectContaining({ code: 'conflicting_edge', stepId: 'b' })])
  })
  it.each([
    {
      rule: 'a dependency on an unknown step is dangling',
      steps: [cmd('a', { dependencies: ['ghost'] })],
      code: 'dangling_reference',
      path: ['steps', 0, 'dependencies', 0],
    },
    {
      rule: 'an onSuccess to an unknown step is dangling',
      steps: [cmd('a', { onSuccess: 'ghost' })],
      code: 'dangling_reference',
      path: ['steps', 0, 'onSuccess'],
    },
    {
      rule: 'a step depending on itself is a self dependency',
      steps: [cmd('a', { dependencies: ['a'] })],
      code: 'self_dependency',
      path: ['steps', 0, 'dependencies', 0],
    },
  ])('$rule', ({ steps, code, path }) => {
    expect(buildGraph({ steps }).issues).toEqual([expect.objectContaining({ code, path, stepId: 'a' })])
  })
})

describe('graph analysis', () => {
  it('cycles are reported as a closed path', () => {
    const graph = buildGraph({
      steps: [
        cmd('a'),
        cmd('b', { dependencies: ['a', 'd'] }),
        cmd('c', { dependencies: ['b'] }),
        cmd('d', { dependencies: ['c'] }),
      ],
    })
    expect(findCycles(graph)).toEqual([['b', 'c', 'd', 'b']])
    expect(topologicalOrder(graph)).toEqual({ order: ['a'], blocked: ['b', 'c', 'd'] })
  })
  it('an acyclic graph has no cycles and a full order', () => {
    const graph = buildGraph({
      steps: [cmd('c', { dependencies: ['b'] }), cmd('b', { dependencies: ['a'] }), cmd('a')],
    })
    expect(findCycles(graph)).toEqual([])
    expect(topologicalOrder(graph).order).toEqual(['a', 'b', 'c'])
  })
  it('a 2,000-step chain is analysed without recursion limits', () => {
    const steps = Array.from({ length: 2000 }, (_, i) =>
      cmd(`s${i}`, i > 0 ? { dependencies: [`s${i - 1}`] } : {}),
    )
    steps[0] = cmd('s0', { dependencies: ['s1999'] })
    const graph = buildGraph({ steps })
    expect(findCycles(graph)[0]).toHaveLength(2001)
  })
  it('ancestors include every transitive upstream step and nothing else', () => {
    const graph = buildGraph({
      steps: [cmd('a'), cmd('b', { dependencies: ['a'] }), cmd('c', { dependencies: ['b'] }), cmd('x')],
    })
    const isAncestor = ancestorIndex(graph)
    expect([
      isAncestor('c', 'a'),
      isAncestor('c', 'b'),
      isAncestor('c', 'x'),
      isAncestor('a', 'c'),
      isAncestor('c', 'c'),
    ]).toEqual([true, true, false, false, false])
  })
})

describe('isEdgeTaken', () => {
  it.each<{ kind: TEdgeKind; outcome: SourceOutcome; taken: boolean }>([
    { kind: 'success', outcome: ok, taken: true },
    { kind: 'success', outcome: failed, taken: false },
    { kind: 'failure', outcome: failed, taken: true },
    { kind: 'failure', outcome: ok, taken: false },
    { kind: 'always', outcome: ok, taken: true },
    { kind: 'always', outcome: failed, taken: true },
    { kind: 'always', outcome: skipped, taken: false },
    { kind: 'true', outcome: isTrue, taken: true },
    { kind: 'true', outcome: isFalse, taken: false },
    { kind: 'false', outcome: isFalse, taken: true },
    { kind: 'success', outcome: skipped, taken: false },
  ])(
    'a $kind edge from a $outcome.status source (condition $outcome.conditionResult) is taken: $taken',
    ({ kind, outcome, taken }) => {
      expect(isEdgeTaken(kind, outcome)).toBe(taken)
    },
  )
})

describe('decideJoin', () => {
  it.each([
    { rule: 'a root step runs', join: 'all' as const, incoming: [], decision: 'run' },
    {
      rule: 'a step waits while any source is not terminal',
      join: 'all' as const,
      incoming: [
        { kind: 'success' as const, source: ok },
        { kind: 'success' as const, source: undefined },
      ],
      decision: 'wait',
    },
    {
      rule: 'join all runs when every edge is taken',
      join: 'all' as const,
      incoming: [
        { kind: 'success' as const, source: ok },
        { kind: 'failure' as const, source: failed },
      ],
      decision: 'run',
    },
    {
      rule: 'join all skips when an edge from a finished source is untaken',
      join: 'all' as const,
      incoming: [
        { kind: 'success' as const, source: ok },
        { kind: 'success' as const, source: failed },
      ],
      decision: 'skip',
    },
    {
      rule: 'join all ignores edges from skipped sources',
      join: 'all' as const,
      incoming: [
        { kind: 'success' as const, source: ok },
        { kind: 'success' as const, source: skipped },
      ],
      decision: 'run',
    },
    {
      rule: 'a step behind an untaken branch is skipped',
      join: 'all' as const,
      incoming: [{ kind: 'true' as const, source: isFalse }],
      decision: 'skip',
    },
    {
      rule: 'a step whose only sources were skipped is skipped',
      join: 'all' as const,
      incoming: [
        { kind: 'success' as const, source: skipped },
        { kind: 'always' as const, source: skipped },
      ],
      decision: 'skip',
    },
    {
      rule: 'join any runs when one edge is taken',
      join: 'any' as const,
      incoming: [
        { kind: 'success' as const, source: ok },
        { kind: 'success' as const, source: failed },
      ],
      decision: 'run',
    },
    {
      rule: 'join any skips when no edge is taken',
      join: 'any' as const,
      incoming: [
        { kind: 'failure' as const, source: ok },
        { kind: 'false' as const, source: isTrue },
      ],
      decision: 'skip',
    },
    {
      rule: 'join any still waits for every source',
      join: 'any' as const,
      incoming: [
        { kind: 'success' as const, source: ok },
        { kind: 'success' as const, source: undefined },
      ],
      decision: 'wait',
    },
  ])('$rule', ({ join, incoming, decision }) => {
    expect(decideJoin({ join }, incoming)).toBe(decision)
  })

  it('a join after a condition runs whichever branch was taken (skip propagation)', () => {
    // check → (true) deploy, check → (false) alert; deploy & alert → report (join all)
    const report = (deploy: SourceOutcome, alert: SourceOutcome) =>
      decideJoin({ join: 'all' }, [
        { kind: 'success', source: deploy },
        { kind: 'success', source: alert },
      ])
    const deployWhenTrue = decideJoin({}, [{ kind: 'true', source: isTrue }])
    const alertWhenTrue = decideJoin({}, [{ kind: 'false', source: isTrue }])
    expect([deployWhenTrue, alertWhenTrue]).toEqual(['run', 'skip'])
    expect(report(ok, skipped)).toBe('run')
    expect(report(skipped, ok)).toBe('run')
    expect(report(failed, skipped)).toBe('skip')
  })
})

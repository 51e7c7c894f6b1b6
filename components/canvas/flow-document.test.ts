import { describe, expect, it } from 'vitest'
import type { StepDoc, StepNode, WorkflowDoc } from './canvas-types'
import {
  documentEdges,
  documentToEdges,
  documentToNodes,
  flowToDocument,
  normalizeEdges,
  prepareDocument,
} from './flow-document'

function doc(steps: StepDoc[]): WorkflowDoc {
  return { schemaVersion: 1, name: 'T', steps }
}

const sample = doc([
  { id: 'build', type: 'command', name: 'Build', action: 'echo', position: { x: 0, y: 0 } },
  { id: 'ok', type: 'condition', name: 'Ok?', expression: 'true', dependencies: ['build'], position: { x: 300, y: 0 } },
  {
    id: 'deploy',
    type: 'command',
    name: 'Deploy',
    action: 'echo',
    dependencies: [{ step: 'ok', on: 'true' }],
    position: { x: 600, y: 0 },
  },
  {
    id: 'alert',
    type: 'webhook',
    name: 'Alert',
    request: { method: 'POST', url: 'https://example.com' },
    dependencies: [{ step: 'build', on: 'failure' }],
    position: { x: 300, y: 200 },
  },
])

describe('document to flow', () => {
  it('makes one node per step with its type, position and the step as data', () => {
    const nodes = documentToNodes(sample.steps, new Set(['ok']), new Map(), new Map())
    expect(nodes.map((n) => [n.id, n.type, n.position.x, n.selected])).toEqual([
      ['build', 'command', 0, false],
      ['ok', 'condition', 300, true],
      ['deploy', 'command', 600, false],
      ['alert', 'webhook', 300, false],
    ])
    expect(nodes[1]?.data.step).toBe(sample.steps[1])
  })

  it('makes one edge per dependency, with the kind as source handle and label', () => {
    const edges = documentToEdges(sample.steps, new Set(), new Map())
    expect(edges.map((e) => [e.source, e.target, e.sourceHandle, e.label])).toEqual([
      ['build', 'ok', 'success', 'success'],
      ['ok', 'deploy', 'true', 'true'],
      ['build', 'alert', 'failure', 'failure'],
    ])
  })

  it('reuses node objects whose step, selection and size did not change', () => {
    const cache = new Map<string, StepNode>()
    const first = documentToNodes(sample.steps, new Set(), new Map(), cache)
    const moved = { ...sample.steps[0], position: { x: 5, y: 5 } } as StepDoc
    const second = documentToNodes([moved, ...sample.steps.slice(1)], new Set(), new Map(), cache)
    expect(second[0]).not.toBe(first[0])
    expect(second.slice(1)).toEqual(first.slice(1))
    second.slice(1).forEach((node, i) => expect(node).toBe(first[i + 1]))
  })

  it('unknown step types get the "unknown" node and dangling edges are not drawn', () => {
    const odd = doc([
      { id: 'x', type: 'teleport', name: 'X' } as unknown as StepDoc,
      { id: 'y', type: 'command', name: 'Y', action: 'echo', dependencies: ['ghost', 'x'] },
    ])
    expect(documentToNodes(odd.steps, new Set(), new Map(), new Map())[0]?.type).toBe('unknown')
    expect(documentToEdges(odd.steps, new Set(), new Map()).map((e) => e.source)).toEqual(['x'])
  })
})

describe('flow to document', () => {
  it('round-trips positions and edges', () => {
    const nodes = documentToNodes(sample.steps, new Set(), new Map(), new Map())
    const edges = documentToEdges(sample.steps, new Set(), new Map())
    expect(flowToDocument(sample, nodes, edges)).toEqual(sample)
  })

  it('stores success edges as a bare id and other kinds as { step, on } on the target', () => {
    const nodes = [
      { id: 'build', position: { x: 1, y: 2 } },
      { id: 'ok', position: { x: 3, y: 4 } },
    ]
    const out = flowToDocument(doc(sample.steps.slice(0, 2)), nodes, [
      { source: 'build', target: 'ok', sourceHandle: 'success' },
      { source: 'build', target: 'ok', sourceHandle: 'always' },
    ])
    expect(out.steps[1]?.dependencies).toEqual(['build', { step: 'build', on: 'always' }])
    expect(out.steps[0]?.dependencies).toBeUndefined()
    expect(out.steps.map((s) => s.position)).toEqual([
      { x: 1, y: 2 },
      { x: 3, y: 4 },
    ])
  })
})

describe('preparing a loaded document', () => {
  it('folds onSuccess / onFailure into the targets dependencies', () => {
    const loaded = doc([
      { id: 'a', type: 'command', name: 'A', action: 'echo', onSuccess: 'b', onFailure: ['c'] },
      { id: 'b', type: 'command', name: 'B', action: 'echo' },
      { id: 'c', type: 'command', name: 'C', action: 'echo', dependencies: [{ step: 'a', on: 'failure' }] },
    ])
    const out = normalizeEdges(loaded)
    expect(out.steps[0]).not.toHaveProperty('onSuccess')
    expect(out.steps[1]?.dependencies).toEqual(['a'])
    expect(out.steps[2]?.dependencies).toEqual([{ step: 'a', on: 'failure' }])
    expect(documentEdges(out.steps)).toHaveLength(2)
  })

  it('places steps without a position in columns by depth, without overlaps', () => {
    const loaded = doc([
      { id: 'a', type: 'command', name: 'A', action: 'echo' },
      { id: 'b', type: 'command', name: 'B', action: 'echo', dependencies: ['a'] },
      { id: 'c', type: 'command', name: 'C', action: 'echo', dependencies: ['a'] },
    ])
    const out = prepareDocument(loaded)
    const [a, b, c] = out.steps.map((s) => s.position)
    expect(b!.x).toBeGreaterThan(a!.x)
    expect(b!.x).toBe(c!.x)
    expect(b!.y).not.toBe(c!.y)
  })

  it('leaves a normalised, placed document untouched', () => {
    expect(prepareDocument(sample)).toBe(sample)
  })
})

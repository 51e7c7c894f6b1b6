// Structural analysis of a built step graph: topological order, cycles (with a readable
// path), reachability from the roots and ancestry. All iterative, so 2,000-step chains are fine.
import type { WorkflowGraph } from './graph-types'

const orderCache = new WeakMap<WorkflowGraph, { order: string[]; blocked: string[] }>()

/** Kahn's algorithm. Steps on or behind a cycle are left out of `order` and listed in `blocked`. Cached per graph. */
export function topologicalOrder(graph: WorkflowGraph): { order: string[]; blocked: string[] } {
  const cached = orderCache.get(graph)
  if (cached) return cached
  const remaining = new Map<string, number>()
  for (const id of graph.stepIds) remaining.set(id, graph.incoming.get(id)?.length ?? 0)
  const queue = graph.stepIds.filter((id) => remaining.get(id) === 0)
  for (let head = 0; head < queue.length; head++) {
    for (const edge of graph.outgoing.get(queue[head] as string) ?? []) {
      const left = (remaining.get(edge.to) ?? 0) - 1
      remaining.set(edge.to, left)
      if (left === 0) queue.push(edge.to)
    }
  }
  const placed = new Set(queue)
  const result = { order: queue, blocked: graph.stepIds.filter((id) => !placed.has(id)) }
  orderCache.set(graph, result)
  return result
}

/** Strongly connected components with more than one step (iterative Tarjan), each as a cycle path. */
export function findCycles(graph: WorkflowGraph): string[][] {
  if (topologicalOrder(graph).blocked.length === 0) return []
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const components: string[][] = []
  let counter = 0
  const successors = (id: string) => [...new Set(graph.outgoing.get(id)?.map((e) => e.to))]

  for (const start of graph.stepIds) {
    if (index.has(start)) continue
    const work: { id: string; next: string[]; i: number }[] = []
    const open = (id: string) => {
      index.set(id, counter)
      low.set(id, counter++)
      stack.push(id)
      onStack.add(id)
      work.push({ id, next: successors(id), i: 0 })
    }
    open(start)
    while (work.length > 0) {
      const frame = work[work.length - 1] as { id: string; next: string[]; i: number }
      if (frame.i < frame.next.length) {
        const to = frame.next[frame.i++] as string
        if (!index.has(to)) open(to)
        else if (onStack.has(to)) low.set(frame.id, Math.min(low.get(frame.id) ?? 0, index.get(to) ?? 0))
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0))
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = []
        let member: string | undefined
        do {
          member = stack.pop()
          if (member === undefined) break
          onStack.delete(member)
          component.push(member)
        } while (member !== frame.id)
        if (component.length > 1) components.push(cyclePath(graph, new Set(component), frame.id))
      }
    }
  }
  return components
}

/** A shortest cycle through `start` inside one component, e.g. [a, b, c, a]. */
function cyclePath(graph: WorkflowGraph, component: Set<string>, start: string): string[] {
  const parent = new Map<string, string>()
  const queue = [start]
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head] as string
    for (const edge of graph.outgoing.get(id) ?? []) {
      if (!component.has(edge.to) || parent.has(edge.to)) continue
      parent.set(edge.to, id)
      if (edge.to === start) {
        const path = [start]
        let cursor = id
        while (cursor !== start) {
          path.push(cursor)
          cursor = parent.get(cursor) ?? start
        }
        path.push(start)
        return path.reverse()
      }
      queue.push(edge.to)
    }
  }
  return [start, start]
}

/** Steps reachable from the roots (breadth first). */
export function reachableFromRoots(graph: WorkflowGraph): Set<string> {
  const seen = new Set(graph.roots)
  const queue = [...graph.roots]
  for (let head = 0; head < queue.length; head++) {
    for (const edge of graph.outgoing.get(queue[head] as string) ?? []) {
      if (!seen.has(edge.to)) {
        seen.add(edge.to)
        queue.push(edge.to)
      }
    }
  }
  return seen
}

/** Ancestor sets as bitsets over step indexes, propagated in topological order. */
export function ancestorIndex(graph: WorkflowGraph): (stepId: string, candidate: string) => boolean {
  const position = new Map(graph.stepIds.map((id, i) => [id, i]))
  const words = Math.ceil(graph.stepIds.length / 32)
  const sets = new Map<string, Uint32Array>()
  const { order } = topologicalOrder(graph)
  for (const id of order) {
    const own = sets.get(id) ?? new Uint32Array(words)
    sets.set(id, own)
    const bit = position.get(id) ?? 0
    for (const edge of graph.outgoing.get(id) ?? []) {
      let target = sets.get(edge.to)
      if (!target) {
        target = new Uint32Array(words)
        sets.set(edge.to, target)
      }
      for (let w = 0; w < words; w++) target[w] = (target[w] ?? 0) | (own[w] ?? 0)
      target[bit >>> 5] = (target[bit >>> 5] ?? 0) | (1 << (bit & 31))
    }
  }
  return (stepId, candidate) => {
    const set = sets.get(stepId)
    const bit = position.get(candidate)
    if (!set || bit === undefined) return false
    return ((set[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0
  }
}

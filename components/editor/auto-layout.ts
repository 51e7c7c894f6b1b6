// Auto-layout with elkjs: layered, left to right, with spacing so node boxes never overlap.
// Pure apart from elk's own async API; sizes come from the canvas (measured) or defaults.
import ELK from 'elkjs/lib/elk.bundled.js'
import { NODE_HEIGHT, NODE_WIDTH, type Size, type StepDoc, type XY } from '@/components/canvas/canvas-types'
import { documentEdges } from '@/components/canvas/flow-document'

const elk = new ELK()

const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '80',
  'elk.spacing.nodeNode': '40',
  'elk.spacing.componentComponent': '60',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.cycleBreaking.strategy': 'GREEDY',
}

/** New top-left positions for every step, laid out left to right by dependency. */
export async function layoutSteps(
  steps: readonly StepDoc[],
  sizes: ReadonlyMap<string, Size>,
): Promise<Map<string, XY>> {
  const ids = new Set(steps.map((s) => s.id))
  const seen = new Set<string>()
  const edges = documentEdges(steps).filter((e) => {
    const key = `${e.from}\u0000${e.to}`
    if (!ids.has(e.from) || e.from === e.to || seen.has(key)) return false
    seen.add(key)
    return true
  })
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: LAYOUT_OPTIONS,
    children: steps.map((s) => ({
      id: s.id,
      width: sizes.get(s.id)?.width ?? NODE_WIDTH,
      height: sizes.get(s.id)?.height ?? NODE_HEIGHT,
    })),
    edges: edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  })
  const out = new Map<string, XY>()
  for (const child of graph.children ?? []) {
    out.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) })
  }
  return out
}

export interface Box extends XY, Size {}

/** Pairs of boxes that overlap (touching edges do not count). */
export function overlappingPairs(boxes: readonly (Box & { id: string })[]): [string, string][] {
  const out: [string, string][] = []
  const sorted = [...boxes].sort((a, b) => a.x - b.x)
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as Box & { id: string }
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j] as Box & { id: string }
      if (b.x >= a.x + a.width) break
      if (a.y < b.y + b.height && b.y < a.y + a.height) out.push([a.id, b.id])
    }
  }
  return out
}

// React Flow settings every canvas shares: the grid, the default fit, the minimap's colours.
import type { XY } from './canvas-types'

export const GRID = 16
export const FIT_VIEW_OPTIONS = { maxZoom: 1, padding: 0.2 }
export const MIN_ZOOM = 0.1
export const PRO_OPTIONS = { hideAttribution: true }

const MINIMAP_COLORS: Record<string, string> = {
  command: '#2563eb',
  condition: '#9333ea',
  parallel: '#0891b2',
  wait: '#d97706',
  webhook: '#db2777',
  transform: '#059669',
  note: '#facc15',
}

export function minimapColor(node: { type?: string }): string {
  return MINIMAP_COLORS[node.type ?? ''] ?? '#6b7280'
}

/** The nearest grid point. */
export function snap(p: XY): XY {
  return { x: Math.round(p.x / GRID) * GRID, y: Math.round(p.y / GRID) * GRID }
}

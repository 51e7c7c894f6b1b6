// How each step status looks on the run canvas (glyph and words), and which edges a run took.
import type { EdgeKind } from './canvas-types'
import type { LiveStepState, LiveStepStatus } from '@/components/live/run-status-store'
import { assertNever } from '@/server/engine/errors'

export const STEP_STATUS_LOOK: Record<LiveStepStatus, { glyph: string; label: string }> = {
  pending: { glyph: '○', label: 'pending' },
  ready: { glyph: '◔', label: 'ready' },
  running: { glyph: '◌', label: 'running' },
  waiting: { glyph: '⏸', label: 'waiting' },
  succeeded: { glyph: '✓', label: 'succeeded' },
  failed: { glyph: '✕', label: 'failed' },
  skipped: { glyph: '↷', label: 'skipped' },
  cancelled: { glyph: '⊘', label: 'cancelled' },
}

/** Whether the run went along an edge, judged from its source step's state. */
export function isEdgeTaken(kind: EdgeKind, source: LiveStepState | undefined): boolean {
  if (!source) return false
  switch (kind) {
    case 'success':
      return source.status === 'succeeded'
    case 'failure':
      return source.status === 'failed'
    case 'always':
      return source.status === 'succeeded' || source.status === 'failed'
    case 'true':
      return source.status === 'succeeded' && source.conditionResult === true
    case 'false':
      return source.status === 'succeeded' && source.conditionResult === false
    default:
      return assertNever(kind, 'edge kind')
  }
}

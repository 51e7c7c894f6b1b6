// Small glyphs for the registry's icon names (the registry names lucide icons; no icon
// package is installed, so each gets a text glyph).
import { getStepType } from '@/server/engine/steps/registry'

const GLYPHS: Record<string, string> = {
  terminal: '>_',
  'git-branch': '?',
  split: '||',
  hourglass: '…',
  webhook: '⚡',
  shuffle: '{}',
  'octagon-x': '⛔',
}

export function StepIcon({ type }: { type: string }) {
  const icon = getStepType(type)?.icon ?? ''
  return (
    <span className={`step-icon step-icon-${type}`} aria-hidden="true">
      {GLYPHS[icon] ?? '?'}
    </span>
  )
}

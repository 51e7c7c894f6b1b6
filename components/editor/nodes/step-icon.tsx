// The glyph a step type's definition names for the palette and its canvas node.
import { getStepType } from '@/steps/registry'

export function StepIcon({ type }: { type: string }) {
  return (
    <span className={`step-icon step-icon-${type}`} aria-hidden="true">
      {getStepType(type)?.glyph ?? '?'}
    </span>
  )
}

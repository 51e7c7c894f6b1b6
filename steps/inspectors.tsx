'use client'
// The editor's registry of step types whose inspector needs its own component (inspector.tsx);
// every other type's fields are declared in its definition and rendered generically.
import type { ReactNode } from 'react'
import type { StepDoc } from '@/components/canvas/canvas-types'
import type { Update } from '@/components/editor/inspector/step-type-fields'
import { ParallelFields } from './parallel/inspector'
import type { StepType } from './registry'
import { TransformFields } from './transform/inspector'
import { WaitFields } from './wait/inspector'

type InspectorProps<T extends string> = { step: Extract<StepDoc, { type: T }>; update: Update }
type RenderInspector<T extends string> = (props: InspectorProps<T>) => ReactNode

const inspectors: { [T in StepType]?: RenderInspector<T> } = {
  parallel: (props) => <ParallelFields {...props} />,
  wait: (props) => <WaitFields {...props} />,
  transform: (props) => <TransformFields {...props} />,
}

/** Renders the type's own inspector component; undefined when the type declares its fields instead. */
export function renderCustomInspector(props: InspectorProps<string>): ReactNode | undefined {
  const render = (inspectors as Record<string, RenderInspector<string> | undefined>)[props.step.type]
  return render?.(props)
}

'use client'
// The editor's registry of step types whose inspector needs its own component (inspector.tsx);
// every other type's fields are declared in its definition and rendered generically.
import type { ComponentType } from 'react'
import type { StepDoc } from '@/components/editor/editor-types'
import type { Update } from '@/components/editor/inspector/step-type-fields'
import { ParallelFields } from './parallel/inspector'
import type { StepType } from './registry'
import { TransformFields } from './transform/inspector'
import { WaitFields } from './wait/inspector'

type StepInspector<T extends StepType> = ComponentType<{ step: Extract<StepDoc, { type: T }>; update: Update }>

const inspectors: { [T in StepType]?: StepInspector<T> } = {
  parallel: ParallelFields,
  wait: WaitFields,
  transform: TransformFields,
}

/** The type's own inspector component, if it has one. */
export function customStepInspector(type: string): StepInspector<StepType> | undefined {
  return (inspectors as Record<string, StepInspector<StepType> | undefined>)[type]
}

'use client'
// Hands the editor's step node components to read-only canvases outside the editor (the run
// view), which take them through the canvas floor instead of importing the editor.
import type { ReactNode } from 'react'
import { StepNodeTypesProvider } from '@/components/canvas/step-node-types'
import { nodeTypes } from './nodes/node-types'

export function EditorStepNodeTypes({ children }: { children: ReactNode }) {
  return <StepNodeTypesProvider nodeTypes={nodeTypes}>{children}</StepNodeTypesProvider>
}

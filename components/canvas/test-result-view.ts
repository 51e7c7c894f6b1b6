'use client'
// The slot through which the editor shows a step test's result with the run view's parts, without
// either importing the other: the run view fills it (components/workflows/workflow-editor-route).
import { createContext, type ReactNode } from 'react'

export interface TestResultViewProps {
  executionId: string
  stepId: string
  /** Called with the step's output once it succeeded. */
  onOutput: (output: unknown) => void
}

/** Renders the result of a step test; null: the editor shows only the run's id. */
export const TestResultViewContext = createContext<((props: TestResultViewProps) => ReactNode) | null>(null)

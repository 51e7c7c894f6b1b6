'use client'
// What a page shows under each step node of a live canvas, handed in through the floor so the
// canvas imports no page (the run view: a `workflow` step's child run, components/runs).
import { createContext, useContext, type ComponentType } from 'react'

export const StepNodeExtraContext = createContext<ComponentType<{ stepId: string }> | null>(null)

export function StepNodeExtra({ stepId }: { stepId: string }) {
  const Extra = useContext(StepNodeExtraContext)
  return Extra ? <Extra stepId={stepId} /> : null
}

'use client'
// What a page shows under each step node of a live canvas, handed in through the floor so the
// canvas imports no page (the run view: a `workflow` step's child run, components/runs).
import { createContext, useContext, type ReactNode } from 'react'

export type StepNodeExtraRender = (stepId: string) => ReactNode

export const StepNodeExtraContext = createContext<StepNodeExtraRender | null>(null)

export function StepNodeExtra({ stepId }: { stepId: string }) {
  const render = useContext(StepNodeExtraContext)
  return render ? render(stepId) : null
}

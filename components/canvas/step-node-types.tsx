'use client'
// The step node components a read-only canvas draws, handed down by whoever composes the page
// (the run page gives the editor's own node types), so the run view never imports the editor.
import type { NodeTypes } from '@xyflow/react'
import { createContext, useContext, type ReactNode } from 'react'

const StepNodeTypesContext = createContext<NodeTypes>({})

export function StepNodeTypesProvider({ nodeTypes, children }: { nodeTypes: NodeTypes; children: ReactNode }) {
  return <StepNodeTypesContext.Provider value={nodeTypes}>{children}</StepNodeTypesContext.Provider>
}

export function useStepNodeTypes(): NodeTypes {
  return useContext(StepNodeTypesContext)
}

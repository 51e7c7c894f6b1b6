'use client'
// The outputs of steps tested from the editor, per workflow, kept for this browser session so
// expression completion and previews can read what a step really produced.
import { useSyncExternalStore } from 'react'

type Outputs = Readonly<Record<string, unknown>>
const EMPTY: Outputs = Object.freeze({})
const byWorkflow = new Map<string, Outputs>()
const listeners = new Set<() => void>()

/** Remembers the output a tested step produced (replacing an earlier one). */
export function rememberTestedOutput(workflowId: string, stepId: string, output: unknown): void {
  byWorkflow.set(workflowId, { ...(byWorkflow.get(workflowId) ?? EMPTY), [stepId]: output })
  for (const listener of listeners) listener()
}

export function testedStepOutputs(workflowId: string): Outputs {
  return byWorkflow.get(workflowId) ?? EMPTY
}

/** Tested outputs of the workflow's steps by step id; re-renders when one is remembered. */
export function useTestedStepOutputs(workflowId: string): Outputs {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => testedStepOutputs(workflowId),
    () => EMPTY,
  )
}

'use client'
// The run view's live store, handed to the canvas nodes and edges without going through React
// Flow's node data (so a status change never changes a node object).
import { createContext, useContext } from 'react'
import { RunStatusStore } from '@/components/live/run-status-store'

export const RunStoreContext = createContext<RunStatusStore>(new RunStatusStore())

export function useRunStore(): RunStatusStore {
  return useContext(RunStoreContext)
}

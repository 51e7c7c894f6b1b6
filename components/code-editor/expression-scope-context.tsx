'use client'
// Gives expression fields what they complete and preview against: the document, the selected
// step, the workflow's newest run (loaded once a field asks) and the secret names (none, without
// asking, when the user's role may not list them).
import { useQuery } from '@tanstack/react-query'
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import { useTRPC } from '@/components/trpc-provider'
import type { LastRunData, ScopeSource } from './expression-scope'

export interface ExpressionScopeValue {
  source: ScopeSource
  /** A field calls this when it mounts, so nothing is loaded until one is shown. */
  want: () => void
}

const EMPTY: ExpressionScopeValue = {
  source: { doc: undefined, stepId: undefined, lastRun: undefined, secrets: [] },
  want: () => {},
}

const ExpressionScopeContext = createContext<ExpressionScopeValue>(EMPTY)

export function useExpressionScope(): ExpressionScopeValue {
  return useContext(ExpressionScopeContext)
}

function useLastRunData(workflowId: string, enabled: boolean): LastRunData | undefined {
  const trpc = useTRPC()
  const summary = useQuery({ ...trpc.runs.workflowSummary.queryOptions({ workflowId, recent: 1 }), enabled })
  const runId = summary.data?.lastRun?.id
  const run = useQuery({ ...trpc.runs.get.queryOptions({ id: runId ?? '' }), enabled: enabled && runId !== undefined })
  return runId === undefined ? undefined : run.data
}

function useSecretNames(wanted: boolean): readonly string[] {
  const trpc = useTRPC()
  // Roles below editor may not list secrets: they are not asked, and a refusal just means no names.
  const allowed = useCan('secrets.list')
  const list = useQuery({ ...trpc.secrets.list.queryOptions(), enabled: wanted && allowed, retry: false })
  return useMemo(() => list.data?.map((s) => s.name) ?? [], [list.data])
}

export function ExpressionScopeProvider({
  workflowId,
  doc,
  stepId,
  children,
}: {
  workflowId: string
  doc: WorkflowDoc
  stepId: string | undefined
  children: ReactNode
}) {
  const [wanted, setWanted] = useState(false)
  const lastRun = useLastRunData(workflowId, wanted)
  const secrets = useSecretNames(wanted)
  const want = useCallback(() => setWanted(true), [])
  const value = useMemo(
    () => ({ source: { doc, stepId, lastRun, secrets }, want }),
    [doc, stepId, lastRun, secrets, want],
  )
  return <ExpressionScopeContext.Provider value={value}>{children}</ExpressionScopeContext.Provider>
}

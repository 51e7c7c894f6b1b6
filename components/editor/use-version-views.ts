// The versions panel's actions: open a saved version read-only, compare two, restore one.
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useState } from 'react'
import { useTRPC, useTRPCClient } from '@/components/trpc-provider'
import type { EditorActions } from './editor-state'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import { prepareDocument } from '@/components/canvas/flow-document'
import type { VersionView } from './version-view'

export function useVersionViews({
  workflowId,
  dirty,
  actions,
  notify,
  attempt,
}: {
  workflowId: string
  dirty: boolean
  actions: EditorActions
  notify: (text: string) => void
  /** Runs a task, reporting a failure under `title`. */
  attempt: (title: string, task: () => Promise<void>) => void
}) {
  const client = useTRPCClient()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [view, setView] = useState<VersionView | null>(null)
  const refreshVersions = useCallback(
    () => queryClient.invalidateQueries({ queryKey: trpc.versions.list.queryKey() }),
    [queryClient, trpc],
  )
  const load = (v: number) =>
    client.versions.get.query({ workflowId, version: v }).then((r) => r.definition as WorkflowDoc)
  const open = (v: number) =>
    attempt('Could not open the version', async () =>
      setView({ kind: 'version', version: v, doc: await load(v) }),
    )
  const compare = (before: number, after: number) =>
    attempt('Could not compare', async () => {
      const [beforeDoc, afterDoc] = await Promise.all([load(before), load(after)])
      setView({ kind: 'compare', before, after, beforeDoc, afterDoc })
    })
  const restore = (v: number) => {
    if (dirty && !window.confirm(`Restoring v${v} replaces your unsaved changes. Continue?`)) return
    attempt('Could not restore', async () => {
      const saved = await client.versions.restore.mutate({ workflowId, version: v })
      actions.dispatch({ type: 'replace', doc: prepareDocument(saved.definition), version: saved.version })
      setView(null)
      notify(`Restored v${v} as v${saved.version}`)
      await refreshVersions()
    })
  }
  return { view, close: () => setView(null), open, compare, restore, refreshVersions }
}

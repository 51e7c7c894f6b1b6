// Saving and exporting the workflow. Saving an invalid workflow is refused before it reaches the
// server: there are no drafts, a saved version is always runnable.
import { useState } from 'react'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import { useTRPCClient } from '@/components/trpc-provider'
import { downloadText } from '@/components/ui/download-text'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import type { EditorActions, EditorState } from './editor-state'
import { allIssues } from './use-validation'

export type ErrorLike = { message: string; data?: { issues?: WorkflowIssue[] | null } | null }
export type EditorError = { title: string; error: ErrorLike }
/** Runs a task, reporting a failure under `title`. */
export type Attempt = (title: string, task: () => Promise<void>) => void

/** The error the editor shows above its body, and `attempt`, which reports a failed task there. */
export function useEditorError() {
  const [error, setError] = useState<EditorError | null>(null)
  const attempt: Attempt = (title, task) => {
    setError(null)
    task().catch((e: unknown) => setError({ title, error: e as ErrorLike }))
  }
  return { error, setError, attempt }
}

/** Why `doc` cannot be saved: its errors, or undefined when it can. */
function unsaveableError(doc: WorkflowDoc): EditorError | undefined {
  const problems = allIssues(doc).filter((i) => i.severity === 'error')
  if (problems.length === 0) return undefined
  const n = problems.length
  return {
    title: 'Not saved',
    error: {
      message: `The workflow has ${n} problem${n === 1 ? '' : 's'}; fix ${n === 1 ? 'it' : 'them'} and save again.`,
      data: { issues: problems },
    },
  }
}

export function useSaveWorkflow(p: {
  workflowId: string
  state: EditorState
  actions: EditorActions
  show: (text: string) => void
  setError: (error: EditorError | null) => void
  refreshVersions: () => Promise<void>
}) {
  const client = useTRPCClient()
  const [saveOpen, setSaveOpen] = useState(false)
  const [saving, setSaving] = useState(false)
  const save = async (message: string | undefined): Promise<boolean> => {
    const doc = p.state.history.present
    const refused = unsaveableError(doc)
    p.setError(refused ?? null)
    if (refused) return false
    setSaving(true)
    try {
      const input = { id: p.workflowId, definition: doc, message, expectedVersion: p.state.version }
      const saved = await client.workflows.update.mutate(input)
      p.actions.dispatch({ type: 'saved', doc, version: saved.version })
      setSaveOpen(false)
      p.show(`Saved as v${saved.version}`)
      await p.refreshVersions()
      return true
    } catch (e) {
      p.setError({ title: 'Not saved', error: e as ErrorLike })
      return false
    } finally {
      setSaving(false)
    }
  }
  return { save, saving, saveOpen, setSaveOpen }
}

export function useExportWorkflow(workflowId: string, version: number, attempt: Attempt) {
  const client = useTRPCClient()
  return () =>
    attempt('Export failed', async () => {
      const file = await client.workflows.export.query({ id: workflowId, version })
      downloadText(file.filename, file.json)
    })
}

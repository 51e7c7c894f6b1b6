'use client'
// The editor at /workflows/[id]: palette, canvas (or JSON), inspector and versions, problems,
// toolbar. Saving an invalid workflow is refused: there are no drafts yet, a saved version
// is always runnable (issue 3 leaves drafts to us; we chose not to have them for now).
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTRPC, useTRPCClient } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import { downloadText } from '@/components/ui/download-text'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import { EditorCanvas } from './canvas'
import { EditorToolbar } from './editor-toolbar'
import { useEditorState } from './editor-state'
import type { Size, WorkflowDoc } from './editor-types'
import { prepareDocument } from './flow-document'
import { StepInspector } from './inspector/step-inspector'
import { WorkflowSettings } from './inspector/workflow-settings'
import { IssueStore, IssueStoreContext } from './issue-store'
import { JsonView } from './json-view'
import { Palette } from './palette'
import { ProblemsPanel } from './problems-panel'
import { ShortcutsDialog, useEditorShortcuts } from './shortcuts'
import { Toasts, useToasts } from './toasts'
import { useEditorCommands } from './use-editor-commands'
import { allIssues, useValidation } from './use-validation'
import { VersionCanvas, type VersionView } from './version-view'
import { VersionsPanel } from './versions-panel'

type ErrorLike = { message: string; data?: { issues?: WorkflowIssue[] | null } | null }

export function WorkflowEditor({
  workflowId,
  initial,
  version,
  onDuplicate,
}: {
  workflowId: string
  initial: WorkflowDoc
  version: number
  onDuplicate: () => void
}) {
  const { state, actions } = useEditorState(initial, version)
  const doc = state.history.present
  const dirty = doc !== state.saved
  const [store] = useState(() => new IssueStore())
  const { issues, pending } = useValidation(doc, store)
  const [sizes, setSizes] = useState<ReadonlyMap<string, Size>>(() => new Map())
  const { toasts, show } = useToasts()
  const commands = useEditorCommands(state, actions, sizes, show)
  const [tab, setTab] = useState<'canvas' | 'json'>('canvas')
  const [side, setSide] = useState<'inspector' | 'versions'>('inspector')
  const [view, setView] = useState<VersionView | null>(null)
  const [help, setHelp] = useState(false)
  const [saveOpen, setSaveOpen] = useState(false)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<{ title: string; error: ErrorLike } | null>(null)
  const client = useTRPCClient()
  const trpc = useTRPC()
  const queryClient = useQueryClient()

  useEffect(() => {
    if (!dirty) return
    const warn = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [dirty])

  const refreshVersions = () => queryClient.invalidateQueries({ queryKey: trpc.versions.list.queryKey() })

  const save = async (message: string | undefined): Promise<boolean> => {
    setError(null)
    const problems = allIssues(doc).filter((i) => i.severity === 'error')
    if (problems.length > 0) {
      const n = problems.length
      setError({
        title: 'Not saved',
        error: { message: `The workflow has ${n} problem${n === 1 ? '' : 's'}; fix ${n === 1 ? 'it' : 'them'} and save again.`, data: { issues: problems } },
      })
      return false
    }
    setSaving(true)
    try {
      const saved = await client.workflows.update.mutate({ id: workflowId, definition: doc, message, expectedVersion: state.version })
      actions.dispatch({ type: 'saved', doc, version: saved.version })
      setSaveOpen(false)
      show(`Saved as v${saved.version}`)
      await refreshVersions()
      return true
    } catch (e) {
      setError({ title: 'Not saved', error: e as ErrorLike })
      return false
    } finally {
      setSaving(false)
    }
  }

  const loadVersion = (v: number) => client.versions.get.query({ workflowId, version: v }).then((r) => r.definition as WorkflowDoc)
  const run = (title: string, task: () => Promise<void>) => {
    setError(null)
    task().catch((e: unknown) => setError({ title, error: e as ErrorLike }))
  }
  const open = (v: number) => run('Could not open the version', async () => setView({ kind: 'version', version: v, doc: await loadVersion(v) }))
  const compare = (before: number, after: number) =>
    run('Could not compare', async () => {
      const [beforeDoc, afterDoc] = await Promise.all([loadVersion(before), loadVersion(after)])
      setView({ kind: 'compare', before, after, beforeDoc, afterDoc })
    })
  const restore = (v: number) => {
    if (dirty && !window.confirm(`Restoring v${v} replaces your unsaved changes. Continue?`)) return
    run('Could not restore', async () => {
      const saved = await client.versions.restore.mutate({ workflowId, version: v })
      actions.dispatch({ type: 'replace', doc: prepareDocument(saved.definition), version: saved.version })
      setView(null)
      show(`Restored v${v} as v${saved.version}`)
      await refreshVersions()
    })
  }
  const exportFile = () =>
    run('Export failed', async () => {
      const file = await client.workflows.export.query({ id: workflowId, version: state.version })
      downloadText(file.filename, file.json)
    })

  useEditorShortcuts(
    {
      undo: actions.undo,
      redo: actions.redo,
      remove: commands.remove,
      duplicate: commands.duplicate,
      save: () => setSaveOpen(true),
      selectAll: commands.selectAll,
      help: () => setHelp(true),
      copy: commands.copy,
      paste: commands.paste,
    },
    view === null && !help,
  )

  // Stable callbacks for memoized panels: they read the latest commands and document.
  const latest = useRef({ commands, doc })
  useEffect(() => {
    latest.current = { commands, doc }
  })
  const addStep = useCallback((type: string) => latest.current.commands.add(type), [])
  const pickProblem = useCallback(
    (issue: WorkflowIssue) => {
      setSide('inspector')
      const id = issue.stepId
      if (!id || !latest.current.doc.steps.some((s) => s.id === id)) return actions.select([])
      setTab('canvas')
      window.requestAnimationFrame(() => latest.current.commands.focus(id))
    },
    [actions],
  )

  const selectedId = state.selectedSteps.size === 1 ? [...state.selectedSteps][0] : undefined
  const selectedStep = doc.steps.find((s) => s.id === selectedId)
  const selectedIssues = useMemo(() => issues.filter((i) => i.stepId === selectedId), [issues, selectedId])
  const workflowIssues = useMemo(() => issues.filter((i) => !i.stepId), [issues])
  const onRefused = useCallback((reason: string) => show(`Not connected: ${reason}`, 'error'), [show])
  return (
    <IssueStoreContext.Provider value={store}>
      <div className="editor">
        <EditorToolbar
          name={typeof doc.name === 'string' && doc.name.trim() ? doc.name : '(unnamed)'}
          version={state.version}
          dirty={dirty}
          canUndo={state.history.past.length > 0}
          canRedo={state.history.future.length > 0}
          readOnly={view !== null}
          saving={saving}
          onUndo={actions.undo}
          onRedo={actions.redo}
          onLayout={() => void commands.layout()}
          onFitView={commands.fitView}
          onHelp={() => setHelp(true)}
          onSave={save}
          onExport={exportFile}
          onDuplicate={onDuplicate}
          saveOpen={saveOpen}
          setSaveOpen={setSaveOpen}
        />
        {error ? <ApiError title={error.title} error={error.error} /> : null}
        <div className="editor-body">
          <Palette onAdd={addStep} disabled={view !== null || tab !== 'canvas'} />
          <div className="editor-center">
            {view ? (
              <div className="version-banner" role="note">
                {view.kind === 'version'
                  ? `Viewing v${view.version} (read-only).`
                  : `Comparing v${view.before} → v${view.after} (read-only).`}
                {view.kind === 'version' && view.version !== state.version ? (
                  <button type="button" onClick={() => restore(view.version)}>
                    Restore v{view.version}
                  </button>
                ) : null}
                <button type="button" className="primary" onClick={() => setView(null)}>
                  Back to editing
                </button>
              </div>
            ) : (
              <div role="tablist" aria-label="Editor view" className="tabs">
                {(['canvas', 'json'] as const).map((t) => (
                  <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
                    {t === 'canvas' ? 'Canvas' : 'JSON'}
                  </button>
                ))}
              </div>
            )}
            {view ? (
              <VersionCanvas view={view} />
            ) : tab === 'canvas' ? (
              <EditorCanvas
                doc={doc}
                selectedSteps={state.selectedSteps}
                selectedEdges={state.selectedEdges}
                sizes={sizes}
                onSizes={setSizes}
                actions={actions}
                onRefused={onRefused}
              />
            ) : (
              <JsonView doc={doc} onApply={(next) => actions.edit(() => next, 'json')} />
            )}
            <ProblemsPanel issues={issues} onPick={pickProblem} pending={pending} />
          </div>
          <aside className="editor-side">
            <div role="tablist" aria-label="Side panel" className="tabs">
              <button type="button" role="tab" aria-selected={side === 'inspector'} onClick={() => setSide('inspector')}>
                Inspector
              </button>
              <button type="button" role="tab" aria-selected={side === 'versions'} onClick={() => setSide('versions')}>
                Versions
              </button>
            </div>
            {side === 'versions' ? (
              <VersionsPanel workflowId={workflowId} current={state.version} onOpen={open} onRestore={restore} onCompare={compare} />
            ) : selectedStep ? (
              <StepInspector
                key={selectedStep.id}
                doc={doc}
                step={selectedStep}
                issues={selectedIssues}
                actions={actions}
              />
            ) : state.selectedSteps.size > 1 ? (
              <p className="muted inspector">{state.selectedSteps.size} steps selected. Delete, duplicate or copy them.</p>
            ) : (
              <WorkflowSettings doc={doc} issues={workflowIssues} actions={actions} />
            )}
          </aside>
        </div>
        <Toasts toasts={toasts} />
        {help ? <ShortcutsDialog onClose={() => setHelp(false)} /> : null}
      </div>
    </IssueStoreContext.Provider>
  )
}

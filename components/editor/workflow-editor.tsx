'use client'
// The editor at /workflows/[id]: palette, canvas (or JSON), inspector and versions, problems,
// toolbar and its dialogs (run, save as template, shortcuts). Saving an invalid workflow is
// refused: there are no drafts yet, a saved version is always runnable (issue 3 leaves drafts
// to us; we chose not to have them for now).
import Link from 'next/link'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import { SaveAsTemplateDialog } from '@/components/templates/save-as-template-dialog'
import { useTRPCClient } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import { downloadText } from '@/components/ui/download-text'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import { EditorCanvas } from './canvas'
import { EditorSidePanel, type SidePanel } from './editor-side-panel'
import { useEditorState } from './editor-state'
import { EditorToolbar } from './editor-toolbar'
import type { Size, WorkflowDoc } from '@/components/canvas/canvas-types'
import { IssueStore, IssueStoreContext } from './issue-store'
import { JsonView } from './json-view'
import { LastRunStatuses, LastRunToggle, overlayNodeTypes, useLastRun } from './last-run-overlay'
import { Palette } from './palette'
import { ProblemsPanel } from './problems-panel'
import { RunWorkflowDialog } from './run-workflow-dialog'
import { ShortcutsDialog, useEditorShortcuts } from './shortcuts'
import { Toasts, useToasts } from './toasts'
import { useUnsavedChangesGuard } from './unsaved-changes-guard'
import { useEditorCommands } from './use-editor-commands'
import { usePlacementFleet } from './use-placement-fleet'
import { allIssues, useValidation } from './use-validation'
import { useVersionViews } from './use-version-views'
import { VersionCanvas } from './version-view'

type ErrorLike = { message: string; data?: { issues?: WorkflowIssue[] | null } | null }
type Dialog = 'help' | 'run' | 'template' | null

/** Why the workflow cannot be run now, or undefined. */
function runBlockedReason(dirty: boolean, errors: number): string | undefined {
  if (errors > 0)
    return `fix the ${errors === 1 ? 'problem' : `${errors} problems`} first; running an invalid workflow is not allowed.`
  if (dirty) return 'save your changes first; a run uses the saved version.'
  return undefined
}

export function WorkflowEditor({
  workflowId,
  initial,
  version,
  openVersion,
  onDuplicate,
}: {
  workflowId: string
  initial: WorkflowDoc
  version: number
  /** A saved version to open read-only at once (`?version=N`, e.g. from a run's header). */
  openVersion?: number
  onDuplicate: () => void
}) {
  const { state, actions } = useEditorState(initial, version)
  const doc = state.history.present
  const dirty = doc !== state.saved
  const [store] = useState(() => new IssueStore())
  const fleet = usePlacementFleet()
  const { issues, pending } = useValidation(doc, store, fleet)
  const [sizes, setSizes] = useState<ReadonlyMap<string, Size>>(() => new Map())
  const { toasts, show } = useToasts()
  const commands = useEditorCommands(state, actions, sizes, show)
  const [tab, setTab] = useState<'canvas' | 'json'>('canvas')
  const [side, setSide] = useState<SidePanel>('inspector')
  const [dialog, setDialog] = useState<Dialog>(null)
  const [saveOpen, setSaveOpen] = useState(false)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<{ title: string; error: ErrorLike } | null>(null)
  const client = useTRPCClient()
  const guard = useUnsavedChangesGuard(dirty)
  const attempt = (title: string, task: () => Promise<void>) => {
    setError(null)
    task().catch((e: unknown) => setError({ title, error: e as ErrorLike }))
  }
  const versions = useVersionViews({ workflowId, dirty, actions, notify: show, attempt })
  const view = versions.view
  const canRestore = useCan('versions.restore')
  const [showLastRun, setShowLastRun] = useState(false)
  const lastRun = useLastRun(workflowId, showLastRun)
  const opened = useRef(false)
  useEffect(() => {
    if (opened.current || openVersion === undefined || openVersion === version) return
    opened.current = true
    versions.open(openVersion)
  }, [openVersion, version, versions])

  const save = async (message: string | undefined): Promise<boolean> => {
    setError(null)
    const problems = allIssues(doc).filter((i) => i.severity === 'error')
    if (problems.length > 0) {
      const n = problems.length
      setError({
        title: 'Not saved',
        error: {
          message: `The workflow has ${n} problem${n === 1 ? '' : 's'}; fix ${n === 1 ? 'it' : 'them'} and save again.`,
          data: { issues: problems },
        },
      })
      return false
    }
    setSaving(true)
    try {
      const saved = await client.workflows.update.mutate({
        id: workflowId,
        definition: doc,
        message,
        expectedVersion: state.version,
      })
      actions.dispatch({ type: 'saved', doc, version: saved.version })
      setSaveOpen(false)
      show(`Saved as v${saved.version}`)
      await versions.refreshVersions()
      return true
    } catch (e) {
      setError({ title: 'Not saved', error: e as ErrorLike })
      return false
    } finally {
      setSaving(false)
    }
  }

  const exportFile = () =>
    attempt('Export failed', async () => {
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
      help: () => setDialog('help'),
      copy: commands.copy,
      paste: commands.paste,
    },
    view === null && dialog === null,
  )

  // Stable callbacks for memoized panels: they read the latest commands and document.
  const latest = useRef({ commands, doc })
  useEffect(() => {
    latest.current = { commands, doc }
  })
  const addStep = useCallback((type: string) => latest.current.commands.add(type), [])
  const addNote = useCallback(() => latest.current.commands.addNote(), [])
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
  const onRefused = useCallback((reason: string) => show(`Not connected: ${reason}`, 'error'), [show])
  const errorCount = issues.filter((i) => i.severity === 'error').length
  const editable = view === null && tab === 'canvas'
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
          onHelp={() => setDialog('help')}
          onSave={save}
          onExport={exportFile}
          onDuplicate={() => guard.confirmLeave(onDuplicate)}
          onRun={() => setDialog('run')}
          runBlocked={runBlockedReason(dirty, errorCount)}
          onSaveAsTemplate={() => setDialog('template')}
          onAddNote={() => {
            setTab('canvas')
            addNote()
          }}
          saveOpen={saveOpen}
          setSaveOpen={setSaveOpen}
        />
        {error ? <ApiError title={error.title} error={error.error} /> : null}
        <div className="editor-body">
          <Palette onAdd={addStep} onAddNote={addNote} disabled={!editable} />
          <div className="editor-center">
            {view ? (
              <div className="version-banner" role="note">
                {view.kind === 'version'
                  ? `Viewing v${view.version} (read-only).`
                  : `Comparing v${view.before} → v${view.after} (read-only).`}
                {view.kind === 'version' && view.version !== state.version && canRestore ? (
                  <button type="button" onClick={() => versions.restore(view.version)}>
                    Restore v{view.version}
                  </button>
                ) : null}
                <button type="button" className="primary" onClick={versions.close}>
                  Back to editing
                </button>
              </div>
            ) : (
              <div className="editor-tabs-row">
                <div role="tablist" aria-label="Editor view" className="tabs">
                  {(['canvas', 'json'] as const).map((t) => (
                    <button
                      key={t}
                      type="button"
                      role="tab"
                      aria-selected={tab === t}
                      onClick={() => setTab(t)}
                    >
                      {t === 'canvas' ? 'Canvas' : 'JSON'}
                    </button>
                  ))}
                </div>
                <LastRunToggle on={showLastRun} onToggle={() => setShowLastRun((on) => !on)} run={lastRun} />
                <Link href={`/workflows/${workflowId}/runs`}>All runs</Link>
              </div>
            )}
            {view ? (
              <VersionCanvas view={view} />
            ) : tab === 'canvas' ? (
              <LastRunStatuses runId={lastRun?.id}>
                <EditorCanvas
                  nodeTypes={showLastRun && lastRun ? overlayNodeTypes : undefined}
                  doc={doc}
                  selectedSteps={state.selectedSteps}
                  selectedEdges={state.selectedEdges}
                  selectedNotes={state.selectedNotes}
                  sizes={sizes}
                  onSizes={setSizes}
                  actions={actions}
                  onRefused={onRefused}
                  onAddStep={addStep}
                />
              </LastRunStatuses>
            ) : (
              <JsonView doc={doc} onApply={(next) => actions.edit(() => next, 'json')} />
            )}
            <ProblemsPanel issues={issues} onPick={pickProblem} pending={pending} />
          </div>
          <EditorSidePanel
            side={side}
            onSide={setSide}
            workflowId={workflowId}
            doc={doc}
            state={state}
            issues={issues}
            actions={actions}
            onOpen={versions.open}
            onRestore={versions.restore}
            onCompare={versions.compare}
          />
        </div>
        <Toasts toasts={toasts} />
        {dialog === 'help' ? <ShortcutsDialog onClose={() => setDialog(null)} /> : null}
        {dialog === 'run' ? (
          <RunWorkflowDialog
            workflowId={workflowId}
            version={state.version}
            inputs={state.saved.inputs}
            onClose={() => setDialog(null)}
          />
        ) : null}
        {dialog === 'template' ? (
          <SaveAsTemplateDialog
            workflowId={workflowId}
            version={state.version}
            doc={state.saved}
            dirty={dirty}
            onClose={() => setDialog(null)}
            onSaved={(name) => {
              setDialog(null)
              show(`Saved as template “${name}”. Find it under Templates or New from template.`)
            }}
          />
        ) : null}
        {guard.dialog}
      </div>
    </IssueStoreContext.Provider>
  )
}

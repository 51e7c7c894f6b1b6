'use client'
// The editor at /workflows/[id]: palette, canvas (or JSON), inspector and versions, problems,
// toolbar and its dialogs (run, save as template, shortcuts). Saving an invalid workflow is
// refused: there are no drafts yet, a saved version is always runnable (issue 3 leaves drafts
// to us; we chose not to have them for now). State lives in useWorkflowEditor; this lays it out.
import Link from 'next/link'
import { useState } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import { ExpressionScopeProvider } from '@/components/code-editor/expression-scope-context'
import { SaveAsTemplateDialog } from '@/components/templates/save-as-template-dialog'
import { TriggerBadge } from '@/components/triggers/trigger-badge'
import { ApiError } from '@/components/ui/api-error'
import { EditorCanvas } from './canvas'
import { EditorSidePanel } from './editor-side-panel'
import { EditorToolbar } from './editor-toolbar'
import { IssueStoreContext } from './issue-store'
import { JsonView } from './json-view'
import { LastRunStatuses, LastRunToggle, overlayNodeTypes, useLastRun, type LastRun } from './last-run-overlay'
import { Palette } from './palette'
import { ProblemsPanel } from './problems-panel'
import { RunWorkflowDialog } from './run-workflow-dialog'
import { ShortcutsDialog } from './shortcuts'
import { Toasts } from './toasts'
import { useWorkflowEditor, useWorkflowShortcuts, type EditorTab, type WorkflowEditorModel } from './use-workflow-editor'
import { VersionCanvas, type VersionView } from './version-view'

/** Why the workflow cannot be run now, or undefined. */
function runBlockedReason(dirty: boolean, errors: number): string | undefined {
  if (errors > 0)
    return `fix the ${errors === 1 ? 'problem' : `${errors} problems`} first; running an invalid workflow is not allowed.`
  if (dirty) return 'save your changes first; a run uses the saved version.'
  return undefined
}

/** The one selected step's id (expression fields complete and preview for it). */
function singleSelected(steps: ReadonlySet<string>): string | undefined {
  return steps.size === 1 ? [...steps][0] : undefined
}

function WorkflowToolbar({ editor, onDuplicate }: { editor: WorkflowEditorModel; onDuplicate: () => void }) {
  const { state, actions, commands, saving, setDialog } = editor
  const doc = editor.doc
  const errorCount = editor.issues.filter((i) => i.severity === 'error').length
  return (
    <EditorToolbar
      name={typeof doc.name === 'string' && doc.name.trim() ? doc.name : '(unnamed)'}
      version={state.version}
      dirty={editor.dirty}
      canUndo={state.history.past.length > 0}
      canRedo={state.history.future.length > 0}
      readOnly={editor.versions.view !== null}
      saving={saving.saving}
      onUndo={actions.undo}
      onRedo={actions.redo}
      onLayout={() => void commands.layout()}
      onFitView={commands.fitView}
      onHelp={() => setDialog('help')}
      onSave={saving.save}
      onExport={editor.exportFile}
      onDuplicate={() => editor.guard.confirmLeave(onDuplicate)}
      onRun={() => setDialog('run')}
      runBlocked={runBlockedReason(editor.dirty, errorCount)}
      onSaveAsTemplate={() => setDialog('template')}
      onAddNote={() => {
        editor.setTab('canvas')
        editor.callbacks.addNote()
      }}
      saveOpen={saving.saveOpen}
      setSaveOpen={saving.setSaveOpen}
    />
  )
}

function VersionBanner({ view, editor }: { view: VersionView; editor: WorkflowEditorModel }) {
  const canRestore = useCan('versions.restore')
  const { versions, state } = editor
  return (
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
  )
}

function EditorTabs({ tab, onTab }: { tab: EditorTab; onTab: (tab: EditorTab) => void }) {
  return (
    <div role="tablist" aria-label="Editor view" className="tabs">
      {(['canvas', 'json'] as const).map((t) => (
        <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => onTab(t)}>
          {t === 'canvas' ? 'Canvas' : 'JSON'}
        </button>
      ))}
    </div>
  )
}

/** The editing canvas, with the last run's statuses laid over it while `lastRun` is given. */
function EditingCanvas({ editor, lastRun }: { editor: WorkflowEditorModel; lastRun: LastRun | undefined }) {
  const { state, actions, callbacks } = editor
  return (
    <LastRunStatuses runId={lastRun?.id}>
      <EditorCanvas
        nodeTypes={lastRun ? overlayNodeTypes : undefined}
        doc={editor.doc}
        selectedSteps={state.selectedSteps}
        selectedEdges={state.selectedEdges}
        selectedNotes={state.selectedNotes}
        sizes={editor.sizes}
        onSizes={editor.setSizes}
        actions={actions}
        onRefused={callbacks.onRefused}
        onAddStep={callbacks.addStep}
      />
    </LastRunStatuses>
  )
}

/** The middle column: version banner or tabs, the canvas (a version's, or the editing one) or JSON, problems. */
function EditorCenter({ editor, workflowId }: { editor: WorkflowEditorModel; workflowId: string }) {
  const { view } = editor.versions
  const [showLastRun, setShowLastRun] = useState(false)
  const lastRun = useLastRun(workflowId, showLastRun)
  return (
    <div className="editor-center">
      {view ? (
        <VersionBanner view={view} editor={editor} />
      ) : (
        <div className="editor-tabs-row">
          <EditorTabs tab={editor.tab} onTab={editor.setTab} />
          <TriggerBadge workflowId={workflowId} onOpen={() => editor.setSide('triggers')} />
          <LastRunToggle on={showLastRun} onToggle={() => setShowLastRun((on) => !on)} run={lastRun} />
          <Link href={`/workflows/${workflowId}/runs`}>All runs</Link>
        </div>
      )}
      {view ? (
        <VersionCanvas view={view} />
      ) : editor.tab === 'canvas' ? (
        <EditingCanvas editor={editor} lastRun={showLastRun && lastRun ? lastRun : undefined} />
      ) : (
        <JsonView doc={editor.doc} issues={editor.issues} onApply={(next) => editor.actions.edit(() => next, 'json')} />
      )}
      <ProblemsPanel issues={editor.issues} onPick={editor.callbacks.pickProblem} pending={editor.pending} />
    </div>
  )
}

function EditorDialogs({ editor, workflowId }: { editor: WorkflowEditorModel; workflowId: string }) {
  const { state, setDialog } = editor
  const close = () => setDialog(null)
  if (editor.dialog === 'help') return <ShortcutsDialog onClose={close} />
  if (editor.dialog === 'run')
    return <RunWorkflowDialog workflowId={workflowId} version={state.version} inputs={state.saved.inputs} onClose={close} />
  if (editor.dialog === 'template')
    return (
      <SaveAsTemplateDialog
        workflowId={workflowId}
        version={state.version}
        doc={state.saved}
        dirty={editor.dirty}
        onClose={close}
        onSaved={(name) => {
          setDialog(null)
          editor.show(`Saved as template “${name}”. Find it under Templates or New from template.`)
        }}
      />
    )
  return null
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
  const editor = useWorkflowEditor(workflowId, initial, version, openVersion)
  useWorkflowShortcuts(editor)
  const { versions, callbacks, state, error } = editor
  const editable = versions.view === null && editor.tab === 'canvas'
  return (
    <IssueStoreContext.Provider value={editor.store}>
      <div className="editor">
        <WorkflowToolbar editor={editor} onDuplicate={onDuplicate} />
        {error ? <ApiError title={error.title} error={error.error} /> : null}
        <div className="editor-body">
          <Palette onAdd={callbacks.addStep} onAddNote={callbacks.addNote} disabled={!editable} />
          <EditorCenter editor={editor} workflowId={workflowId} />
          <ExpressionScopeProvider workflowId={workflowId} doc={editor.doc} stepId={singleSelected(state.selectedSteps)}>
            <EditorSidePanel
              side={editor.side}
              onSide={editor.setSide}
              workflowId={workflowId}
              doc={editor.doc}
              state={state}
              issues={editor.issues}
              actions={editor.actions}
              onOpen={versions.open}
              onRestore={versions.restore}
              onCompare={versions.compare}
            />
          </ExpressionScopeProvider>
        </div>
        <Toasts toasts={editor.toasts} />
        <EditorDialogs editor={editor} workflowId={workflowId} />
        {editor.guard.dialog}
      </div>
    </IssueStoreContext.Provider>
  )
}

'use client'
// The editor's header: name and version, the unsaved marker, edit and view actions, save
// (with an optional message), run (or why not), export, duplicate and save as template.
import { useState, type FormEvent } from 'react'
import { useAuthStatus, useCan } from '@/components/auth/use-auth-status'

export interface ToolbarProps {
  name: string
  version: number
  dirty: boolean
  canUndo: boolean
  canRedo: boolean
  readOnly: boolean
  saving: boolean
  onUndo: () => void
  onRedo: () => void
  onLayout: () => void
  onFitView: () => void
  onHelp: () => void
  onSave: (message: string | undefined) => Promise<boolean>
  onExport: () => void
  onDuplicate: () => void
  onRun: () => void
  /** Why the workflow cannot run now; undefined when it can. */
  runBlocked: string | undefined
  onSaveAsTemplate: () => void
  onAddNote: () => void
  saveOpen: boolean
  setSaveOpen: (open: boolean) => void
}

function EditButtons(p: ToolbarProps) {
  return (
    <div className="button-group" role="group" aria-label="Edit">
      <button type="button" onClick={p.onUndo} disabled={!p.canUndo || p.readOnly} title="Undo (Ctrl/⌘+Z)">
        Undo
      </button>
      <button type="button" onClick={p.onRedo} disabled={!p.canRedo || p.readOnly} title="Redo (Ctrl/⌘+Shift+Z)">
        Redo
      </button>
      <button type="button" onClick={p.onLayout} disabled={p.readOnly}>
        Auto-layout
      </button>
      <button type="button" onClick={p.onFitView} disabled={p.readOnly}>
        Fit view
      </button>
      <button type="button" onClick={p.onAddNote} disabled={p.readOnly}>
        Add note
      </button>
      <button type="button" onClick={p.onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        ?
      </button>
    </div>
  )
}

/** Why the toolbar offers less: a read-only role, or why Run is off. */
function ToolbarNotes({ isReadOnlyRole, runBlocked }: { isReadOnlyRole: boolean; runBlocked: string | undefined }) {
  return (
    <>
      {isReadOnlyRole ? (
        <p className="muted" role="note">
          Read only: your role can view this workflow but not change or run it.
        </p>
      ) : null}
      {runBlocked ? (
        <p className="run-blocked" id="run-blocked-reason">
          Run is off: {runBlocked}
        </p>
      ) : null}
    </>
  )
}

export function EditorToolbar(p: ToolbarProps) {
  // Actions the caller's role cannot do are hidden; the server refuses them anyway.
  const canSave = useCan('workflows.update')
  const canRun = useCan('runs.start')
  const canDuplicate = useCan('workflows.duplicate')
  const canSaveAsTemplate = useCan('templates.createFromWorkflow')
  const isRoleKnown = useAuthStatus().data !== undefined
  return (
    <>
      <div className="toolbar editor-toolbar">
        <h1 className="grow">
          {p.name} <span className="badge">v{p.version}</span>
        </h1>
        {p.dirty ? (
          <span className="unsaved-marker" role="note" aria-label="Unsaved changes">
            ● Unsaved changes
          </span>
        ) : null}
        <EditButtons {...p} />
        {canSave ? (
          <button type="button" className="primary" onClick={() => p.setSaveOpen(true)} disabled={p.readOnly || p.saving}>
            Save…
          </button>
        ) : null}
        {canRun ? (
          <button
            type="button"
            className="run-button"
            onClick={p.onRun}
            disabled={p.runBlocked !== undefined || p.readOnly}
            aria-describedby={p.runBlocked ? 'run-blocked-reason' : undefined}
          >
            ▶ Run…
          </button>
        ) : null}
        <button type="button" onClick={p.onExport}>
          Export
        </button>
        {canDuplicate ? (
          <button type="button" onClick={p.onDuplicate}>
            Duplicate
          </button>
        ) : null}
        {canSaveAsTemplate ? (
          <button type="button" onClick={p.onSaveAsTemplate}>
            Save as template…
          </button>
        ) : null}
      </div>
      <ToolbarNotes isReadOnlyRole={isRoleKnown && !canSave} runBlocked={canRun ? p.runBlocked : undefined} />
      {p.saveOpen && canSave ? <SaveForm saving={p.saving} onSave={p.onSave} onCancel={() => p.setSaveOpen(false)} /> : null}
    </>
  )
}

function SaveForm({
  saving,
  onSave,
  onCancel,
}: {
  saving: boolean
  onSave: (message: string | undefined) => Promise<boolean>
  onCancel: () => void
}) {
  const [message, setMessage] = useState('')
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    await onSave(message.trim() === '' ? undefined : message.trim())
  }
  return (
    <form className="save-form card" aria-label="Save version" onSubmit={submit}>
      <label htmlFor="save-message">Version message (optional)</label>
      <input
        id="save-message"
        autoFocus
        value={message}
        maxLength={500}
        placeholder="What changed?"
        onChange={(e) => setMessage(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      />
      <button type="submit" className="primary" disabled={saving}>
        {saving ? 'Saving…' : 'Save version'}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  )
}

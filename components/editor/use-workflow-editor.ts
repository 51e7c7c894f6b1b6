// Everything the editor page holds: the document and its history, problems, measured sizes,
// commands, the open tab, side panel and dialog, saving, versions and the stable callbacks the
// memoized panels take. The components in workflow-editor.tsx only lay it out.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Size, WorkflowDoc } from '@/components/canvas/canvas-types'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import type { SidePanel } from './editor-side-panel'
import { useEditorState, type EditorActions } from './editor-state'
import { IssueStore } from './issue-store'
import { useEditorShortcuts } from './shortcuts'
import { useToasts } from './toasts'
import { useUnsavedChangesGuard } from './unsaved-changes-guard'
import { useEditorCommands } from './use-editor-commands'
import { useLatest } from '@/components/ui/use-latest'
import { usePlacementFleet } from './use-placement-fleet'
import { useEditorError, useExportWorkflow, useSaveWorkflow } from './use-save-workflow'
import { useValidation } from './use-validation'
import { useVersionViews } from './use-version-views'

export type EditorTab = 'canvas' | 'json'
export type EditorDialog = 'help' | 'run' | 'template' | null
type Commands = ReturnType<typeof useEditorCommands>

/** Opens `openVersion` read-only once, unless it is the version being edited. */
function useOpenVersionOnce(openVersion: number | undefined, version: number, open: (version: number) => void) {
  const opened = useRef(false)
  useEffect(() => {
    if (opened.current || openVersion === undefined || openVersion === version) return
    opened.current = true
    open(openVersion)
  }, [openVersion, version, open])
}

/** Stable callbacks for memoized panels: they read the latest commands and document. */
function usePanelCallbacks(p: {
  commands: Commands
  doc: WorkflowDoc
  actions: EditorActions
  show: (text: string, tone?: 'info' | 'error') => void
  setSide: (side: SidePanel) => void
  setTab: (tab: EditorTab) => void
}) {
  const { actions, show, setSide, setTab } = p
  const latest = useLatest({ commands: p.commands, doc: p.doc })
  const addStep = useCallback((type: string) => latest.current.commands.add(type), [latest])
  const addNote = useCallback(() => latest.current.commands.addNote(), [latest])
  const pickProblem = useCallback(
    (issue: WorkflowIssue) => {
      setSide('inspector')
      const id = issue.stepId
      if (!id || !latest.current.doc.steps.some((s) => s.id === id)) return actions.select([])
      setTab('canvas')
      window.requestAnimationFrame(() => latest.current.commands.focus(id))
    },
    [actions, latest, setSide, setTab],
  )
  const onRefused = useCallback((reason: string) => show(`Not connected: ${reason}`, 'error'), [show])
  return { addStep, addNote, pickProblem, onRefused }
}

function useDocumentState(initial: WorkflowDoc, version: number) {
  const { state, actions } = useEditorState(initial, version)
  const doc = state.history.present
  const [store] = useState(() => new IssueStore())
  const fleet = usePlacementFleet()
  const { issues, pending } = useValidation(doc, store, fleet)
  const [sizes, setSizes] = useState<ReadonlyMap<string, Size>>(() => new Map())
  return { state, actions, doc, dirty: doc !== state.saved, store, issues, pending, sizes, setSizes }
}

export function useWorkflowEditor(workflowId: string, initial: WorkflowDoc, version: number, openVersion?: number) {
  const editing = useDocumentState(initial, version)
  const { state, actions, doc, dirty } = editing
  const { toasts, show } = useToasts()
  const commands = useEditorCommands(state, actions, editing.sizes, show)
  const [tab, setTab] = useState<EditorTab>('canvas')
  const [side, setSide] = useState<SidePanel>('inspector')
  const [dialog, setDialog] = useState<EditorDialog>(null)
  const { error, setError, attempt } = useEditorError()
  const guard = useUnsavedChangesGuard(dirty)
  const versions = useVersionViews({ workflowId, dirty, actions, notify: show, attempt })
  useOpenVersionOnce(openVersion, version, versions.open)
  const saving = useSaveWorkflow({ workflowId, state, actions, show, setError, refreshVersions: versions.refreshVersions })
  const exportFile = useExportWorkflow(workflowId, state.version, attempt)
  const callbacks = usePanelCallbacks({ commands, doc, actions, show, setSide, setTab })
  return { ...editing, toasts, show, commands, tab, setTab, side, setSide, dialog, setDialog, error, guard, versions, saving, exportFile, callbacks }
}

export type WorkflowEditorModel = ReturnType<typeof useWorkflowEditor>

/** The keyboard shortcuts, on while no version is shown and no dialog is open. */
export function useWorkflowShortcuts(editor: WorkflowEditorModel) {
  const { actions, commands, saving, setDialog } = editor
  useEditorShortcuts(
    {
      undo: actions.undo,
      redo: actions.redo,
      remove: commands.remove,
      duplicate: commands.duplicate,
      save: () => saving.setSaveOpen(true),
      selectAll: commands.selectAll,
      help: () => setDialog('help'),
      copy: commands.copy,
      paste: commands.paste,
    },
    editor.versions.view === null && editor.dialog === null,
  )
}

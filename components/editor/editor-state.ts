// The editor's state: the document with its undo history, the selection, and the last saved
// version. One reducer, so every change to the document goes through the history.
import { useMemo, useReducer } from 'react'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import {
  beginTransient,
  breakCoalescing,
  createHistory,
  endTransient,
  recordEdit,
  recordTransient,
  redo,
  undo,
  type History,
} from './history'

export interface EditorState {
  history: History<WorkflowDoc>
  selectedSteps: ReadonlySet<string>
  selectedEdges: ReadonlySet<string>
  /** Selected sticky notes, by note id. */
  selectedNotes: ReadonlySet<string>
  /** The document as last loaded or saved; the editor is dirty when the present differs. */
  saved: WorkflowDoc
  /** The version the editor last loaded or saved (the expectedVersion of the next save). */
  version: number
}

type DocChange = (doc: WorkflowDoc) => WorkflowDoc

export type EditorAction =
  | { type: 'edit'; change: DocChange; key?: string; select?: string[]; selectNotes?: string[] }
  | { type: 'transient'; change: DocChange }
  | { type: 'beginTransient' }
  | { type: 'endTransient' }
  | { type: 'breakCoalescing' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'select'; steps: ReadonlySet<string>; edges: ReadonlySet<string>; notes: ReadonlySet<string> }
  | { type: 'saved'; doc: WorkflowDoc; version: number }
  | { type: 'replace'; doc: WorkflowDoc; version: number }

const EMPTY: ReadonlySet<string> = new Set()

function reduce(state: EditorState, action: EditorAction): EditorState {
  const h = state.history
  switch (action.type) {
    case 'edit': {
      const history = recordEdit(h, action.change(h.present), action.key)
      if (action.select || action.selectNotes) {
        const selectedSteps = new Set(action.select)
        return { ...state, history, selectedSteps, selectedEdges: EMPTY, selectedNotes: new Set(action.selectNotes) }
      }
      return history === h ? state : { ...state, history }
    }
    case 'transient':
      return { ...state, history: recordTransient(h, action.change(h.present)) }
    case 'beginTransient':
      return { ...state, history: beginTransient(h) }
    case 'endTransient':
      return { ...state, history: endTransient(h) }
    case 'breakCoalescing': {
      const history = breakCoalescing(h)
      return history === h ? state : { ...state, history }
    }
    case 'undo':
      return { ...state, history: undo(h) }
    case 'redo':
      return { ...state, history: redo(h) }
    case 'select':
      return { ...state, selectedSteps: action.steps, selectedEdges: action.edges, selectedNotes: action.notes }
    case 'saved':
      return { ...state, saved: action.doc, version: action.version }
    case 'replace':
      // Restoring a version: undoable, and the restored document is the saved one.
      return {
        ...state,
        history: recordEdit(h, action.doc),
        saved: action.doc,
        version: action.version,
        selectedSteps: EMPTY,
        selectedEdges: EMPTY,
        selectedNotes: EMPTY,
      }
  }
}

export function initialEditorState(doc: WorkflowDoc, version: number): EditorState {
  return { history: createHistory(doc), selectedSteps: EMPTY, selectedEdges: EMPTY, selectedNotes: EMPTY, saved: doc, version }
}

export type EditorActions = ReturnType<typeof useEditorState>['actions']

export function useEditorState(doc: WorkflowDoc, version: number) {
  const [state, dispatch] = useReducer(reduce, undefined, () => initialEditorState(doc, version))
  const actions = useMemo(
    () => ({
      dispatch,
      /** `select` / `selectNotes`: what to select after the edit (steps / notes by id). */
      edit: (change: DocChange, key?: string, select?: string[], selectNotes?: string[]) =>
        dispatch(select || selectNotes ? { type: 'edit', change, key, select, selectNotes } : { type: 'edit', change, key }),
      undo: () => dispatch({ type: 'undo' }),
      redo: () => dispatch({ type: 'redo' }),
      select: (steps: Iterable<string>, edges: Iterable<string> = [], notes: Iterable<string> = []) =>
        dispatch({ type: 'select', steps: new Set(steps), edges: new Set(edges), notes: new Set(notes) }),
      breakCoalescing: () => dispatch({ type: 'breakCoalescing' }),
    }),
    [],
  )
  return { state, actions }
}

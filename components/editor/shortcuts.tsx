'use client'
// Keyboard shortcuts of the editor and the help dialog that lists them. The key handler and
// the dialog read the same table, so the list cannot miss a shortcut. Shortcuts are off while
// focus is in a text field or a dialog, so typing there keeps its own undo and delete.
import { useEffect, useRef } from 'react'
import { ModalDialog } from '@/components/ui/modal-dialog'

export interface ShortcutHandlers {
  undo: () => void
  redo: () => void
  remove: () => void
  duplicate: () => void
  save: () => void
  selectAll: () => void
  help: () => void
  copy: () => string | undefined
  paste: (text: string) => void
}

type KeyCommand = Exclude<keyof ShortcutHandlers, 'copy' | 'paste'>

interface KeyBinding {
  keys: string
  what: string
  command: KeyCommand
  matches: (e: KeyboardEvent) => boolean
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey
const key = (e: KeyboardEvent) => e.key.toLowerCase()

export const KEY_BINDINGS: readonly KeyBinding[] = [
  {
    keys: 'Ctrl/⌘ + Z',
    what: 'Undo',
    command: 'undo',
    matches: (e) => mod(e) && key(e) === 'z' && !e.shiftKey,
  },
  {
    keys: 'Ctrl/⌘ + Shift + Z, Ctrl/⌘ + Y',
    what: 'Redo',
    command: 'redo',
    matches: (e) => mod(e) && ((key(e) === 'z' && e.shiftKey) || key(e) === 'y'),
  },
  {
    keys: 'Delete / Backspace',
    what: 'Delete the selected steps, notes and edges',
    command: 'remove',
    matches: (e) => !mod(e) && (e.key === 'Delete' || e.key === 'Backspace'),
  },
  {
    keys: 'Ctrl/⌘ + D',
    what: 'Duplicate the selected steps',
    command: 'duplicate',
    matches: (e) => mod(e) && key(e) === 'd',
  },
  {
    keys: 'Ctrl/⌘ + A',
    what: 'Select every step',
    command: 'selectAll',
    matches: (e) => mod(e) && key(e) === 'a',
  },
  {
    keys: 'Ctrl/⌘ + S',
    what: 'Save a new version',
    command: 'save',
    matches: (e) => mod(e) && key(e) === 's',
  },
  { keys: '?', what: 'Show this list', command: 'help', matches: (e) => e.key === '?' },
]

/** Copy and paste go through the clipboard events rather than keydown. */
export const CLIPBOARD_SHORTCUTS: readonly [string, string][] = [
  ['Ctrl/⌘ + C', 'Copy the selected steps as JSON'],
  ['Ctrl/⌘ + V', 'Paste steps (also from another workflow, or step JSON from anywhere)'],
]

/** What the canvas itself (React Flow) and the notes do with keys and the mouse. */
export const CANVAS_SHORTCUTS: readonly [string, string][] = [
  ['Click; Shift / Ctrl / ⌘ + click', 'Select a step, note or edge; add to or take from the selection'],
  ['Shift + drag on the canvas', 'Select everything in a box'],
  ['Drag on the canvas, Space + drag', 'Pan'],
  ['Mouse wheel, pinch', 'Zoom'],
  ['Drag from an output to a step’s input', 'Connect two steps'],
  ['Tab / Shift + Tab', 'Move the focus between steps and notes'],
  ['Enter or Space', 'Select the focused step or note'],
  ['Escape', 'Unselect the focused step or note; stop editing a note; close a dialog'],
  ['Arrow keys (Shift: further)', 'Move the selected steps and notes'],
  ['Double-click a note', 'Edit its text'],
]

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.closest('dialog')) return true
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

export function useEditorShortcuts(handlers: ShortcutHandlers, enabled: boolean) {
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return
      const binding = KEY_BINDINGS.find((b) => b.matches(e))
      if (!binding) return
      e.preventDefault()
      latest.current[binding.command]()
    }
    const onCopy = (e: ClipboardEvent) => {
      if (isTyping(e.target) || !e.clipboardData) return
      const text = latest.current.copy()
      if (text === undefined) return
      e.preventDefault()
      e.clipboardData.setData('text/plain', text)
    }
    const onPaste = (e: ClipboardEvent) => {
      if (isTyping(e.target) || !e.clipboardData) return
      e.preventDefault()
      latest.current.paste(e.clipboardData.getData('text/plain'))
    }
    window.addEventListener('keydown', onKey)
    document.addEventListener('copy', onCopy)
    document.addEventListener('paste', onPaste)
    return () => {
      window.removeEventListener('keydown', onKey)
      document.removeEventListener('copy', onCopy)
      document.removeEventListener('paste', onPaste)
    }
  }, [enabled])
}

function ShortcutTable({ caption, rows }: { caption: string; rows: readonly (readonly [string, string])[] }) {
  return (
    <table className="shortcut-table">
      <caption>{caption}</caption>
      <tbody>
        {rows.map(([keys, what]) => (
          <tr key={keys}>
            <td>
              <kbd>{keys}</kbd>
            </td>
            <td>{what}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <ModalDialog title="Keyboard shortcuts" onClose={onClose} wide>
      <div className="shortcut-tables">
        <ShortcutTable
          caption="Editing"
          rows={[...KEY_BINDINGS.map((b) => [b.keys, b.what] as const), ...CLIPBOARD_SHORTCUTS]}
        />
        <ShortcutTable caption="Canvas" rows={CANVAS_SHORTCUTS} />
      </div>
      <div className="toolbar">
        <button type="button" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </ModalDialog>
  )
}

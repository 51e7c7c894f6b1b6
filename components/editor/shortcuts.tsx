'use client'
// Keyboard shortcuts of the editor and the help dialog that lists them. Shortcuts are off
// while focus is in a text field, so typing there keeps its own undo and delete.
import { useEffect, useRef } from 'react'

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

export const SHORTCUTS: [string, string][] = [
  ['Ctrl/⌘ + Z', 'Undo'],
  ['Ctrl/⌘ + Shift + Z, Ctrl + Y', 'Redo'],
  ['Delete / Backspace', 'Delete the selected steps and edges'],
  ['Ctrl/⌘ + D', 'Duplicate the selected steps'],
  ['Ctrl/⌘ + C, Ctrl/⌘ + V', 'Copy / paste steps as JSON (also across workflows)'],
  ['Ctrl/⌘ + A', 'Select every step'],
  ['Ctrl/⌘ + S', 'Save a new version'],
  ['Shift / Ctrl + click, Shift + drag', 'Select several steps'],
  ['Arrow keys', 'Move the selected steps'],
  ['?', 'Show this list'],
]

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
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
      const h = latest.current
      const mod = e.ctrlKey || e.metaKey
      const key = e.key.toLowerCase()
      const run = (fn: () => void) => {
        e.preventDefault()
        fn()
      }
      if (mod && key === 'z') run(e.shiftKey ? h.redo : h.undo)
      else if (mod && key === 'y') run(h.redo)
      else if (mod && key === 'd') run(h.duplicate)
      else if (mod && key === 's') run(h.save)
      else if (mod && key === 'a') run(h.selectAll)
      else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) run(h.remove)
      else if (e.key === '?') run(h.help)
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

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        className="modal"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  )
}

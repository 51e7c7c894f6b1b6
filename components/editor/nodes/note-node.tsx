'use client'
// A sticky note on the canvas. Node data is the note itself; editing goes through
// NoteEditsContext (the editor's document edits), so read-only canvases just show the text.
import { NodeResizer, type NodeProps } from '@xyflow/react'
import { createContext, memo, useContext, useState } from 'react'
import type { NoteNode as NoteNodeType } from '@/components/canvas/canvas-types'

export interface NoteEdits {
  readOnly: boolean
  setText: (noteId: string, text: string) => void
  remove: (noteId: string) => void
  /** Ends one typing session, so the next one is its own undo step. */
  endTyping: () => void
}

const noop = () => undefined
export const NoteEditsContext = createContext<NoteEdits>({
  readOnly: true,
  setText: noop,
  remove: noop,
  endTyping: noop,
})

function summary(text: string): string {
  const first = text.trim().split('\n')[0] ?? ''
  return first.length > 60 ? `${first.slice(0, 60)}…` : first || '(empty)'
}

export const NoteNode = memo(function NoteNode({ data, selected }: NodeProps<NoteNodeType>) {
  const edits = useContext(NoteEditsContext)
  const [editing, setEditing] = useState(false)
  const { note } = data
  const canEdit = !edits.readOnly
  return (
    <>
      {canEdit ? <NodeResizer isVisible={selected} minWidth={120} minHeight={60} /> : null}
      <div
        className={`note-node${selected ? ' is-selected' : ''}`}
        role="note"
        aria-label={`Note: ${summary(note.text)}`}
        onDoubleClick={canEdit ? () => setEditing(true) : undefined}
      >
        {editing && canEdit ? (
          <textarea
            className="note-text nodrag nowheel nopan"
            aria-label="Note text"
            autoFocus
            maxLength={10_000}
            placeholder="Write a note…"
            value={note.text}
            onFocus={(e) => e.currentTarget.setSelectionRange(note.text.length, note.text.length)}
            onChange={(e) => edits.setText(note.id, e.target.value)}
            onBlur={() => {
              setEditing(false)
              edits.endTyping()
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') e.currentTarget.blur()
            }}
          />
        ) : (
          <div className="note-text">
            {note.text || (
              <span className="muted">{canEdit ? 'Empty note: double-click to write.' : 'Empty note'}</span>
            )}
          </div>
        )}
        {selected && canEdit && !editing ? (
          <div className="note-actions">
            <button type="button" className="nodrag" onClick={() => setEditing(true)}>
              Edit note
            </button>
            <button type="button" className="nodrag" onClick={() => edits.remove(note.id)}>
              Delete note
            </button>
          </div>
        ) : null}
      </div>
    </>
  )
})

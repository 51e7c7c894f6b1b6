'use client'
// Every step type from the registry, searchable, and the sticky note. Drag one onto the
// canvas, or click (or press Enter on) it to add it in the middle of the view.
import { memo, useState, type DragEvent } from 'react'
import { stepTypes, type AnyStepTypeDefinition } from '@/steps/registry'
import { StepIcon } from './nodes/step-icon'

export const PALETTE_MIME = 'application/x-relayflow-step'
/** The palette item that adds a sticky note rather than a step. */
export const NOTE_ITEM = 'note'

type PaletteEntry = Pick<AnyStepTypeDefinition, 'type' | 'label' | 'description'>

function startPaletteDrag(event: DragEvent, type: string) {
  event.dataTransfer.setData(PALETTE_MIME, type)
  event.dataTransfer.effectAllowed = 'copy'
}

/** The step types whose type, label or description contains the query (all of them for none). */
function matchingStepTypes(query: string): readonly PaletteEntry[] {
  const q = query.trim().toLowerCase()
  return stepTypes.filter(
    (t) => q === '' || `${t.type} ${t.label} ${t.description}`.toLowerCase().includes(q),
  )
}

function StepTypeItem({
  entry: t,
  onAdd,
  disabled,
}: {
  entry: PaletteEntry
  onAdd: (type: string) => void
  disabled?: boolean
}) {
  return (
    <button
      type="button"
      className="palette-item"
      draggable={!disabled}
      disabled={disabled}
      onDragStart={(e) => startPaletteDrag(e, t.type)}
      onClick={() => onAdd(t.type)}
      aria-label={`Add ${t.label} step`}
      title={t.description}
    >
      <StepIcon type={t.type} />
      <span>
        <strong>{t.label}</strong>
        <small>{t.description}</small>
      </span>
    </button>
  )
}

function StickyNoteItem({ onAddNote, disabled }: { onAddNote: () => void; disabled?: boolean }) {
  return (
    <button
      type="button"
      className="palette-item palette-note"
      draggable={!disabled}
      disabled={disabled}
      onDragStart={(e) => startPaletteDrag(e, NOTE_ITEM)}
      onClick={onAddNote}
      aria-label="Add sticky note"
      title="A note on the canvas for the next reader; it is saved with the workflow and never runs."
    >
      <span className="step-icon note-icon" aria-hidden="true">
        ✎
      </span>
      <span>
        <strong>Sticky note</strong>
        <small>Explain part of the workflow</small>
      </span>
    </button>
  )
}

export const Palette = memo(function Palette({
  onAdd,
  onAddNote,
  disabled,
}: {
  onAdd: (type: string) => void
  onAddNote: () => void
  disabled?: boolean
}) {
  const [query, setQuery] = useState('')
  const shown = matchingStepTypes(query)
  return (
    <aside className="editor-palette" aria-label="Step palette">
      <h2>Steps</h2>
      <input
        type="search"
        aria-label="Search step types"
        placeholder="Search steps…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <ul>
        {shown.map((t) => (
          <li key={t.type}>
            <StepTypeItem entry={t} onAdd={onAdd} disabled={disabled} />
          </li>
        ))}
        {shown.length === 0 ? <li className="muted">No step type matches “{query}”.</li> : null}
      </ul>
      <h2>Canvas</h2>
      <StickyNoteItem onAddNote={onAddNote} disabled={disabled} />
    </aside>
  )
})

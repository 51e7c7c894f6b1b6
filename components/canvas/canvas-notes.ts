// Sticky notes: the document's `canvas.notes` as React Flow nodes, and the pure edits the
// canvas makes to them. Note node ids carry a prefix so they never collide with step ids.
import type { NoteDoc, NoteNode, Size, WorkflowDoc, XY } from './canvas-types'

export const NOTE_PREFIX = 'note:'
export const NOTE_SIZE: Size = { width: 220, height: 140 }

export const noteNodeId = (noteId: string) => `${NOTE_PREFIX}${noteId}`

/** The note id of a canvas node id, or undefined for a step. */
export function noteIdOf(nodeId: string): string | undefined {
  return nodeId.startsWith(NOTE_PREFIX) ? nodeId.slice(NOTE_PREFIX.length) : undefined
}

function isNote(value: unknown): value is NoteDoc {
  if (typeof value !== 'object' || value === null) return false
  const n = value as Partial<NoteDoc>
  return (
    typeof n.id === 'string' &&
    typeof n.text === 'string' &&
    typeof n.position?.x === 'number' &&
    typeof n.position.y === 'number'
  )
}

/** The document's notes; malformed entries (from the JSON view) are not drawn. */
export function notesOf(doc: Pick<WorkflowDoc, 'canvas'>): NoteDoc[] {
  const notes: unknown = doc.canvas?.notes
  return Array.isArray(notes) ? notes.filter(isNote) : []
}

function withNotes(doc: WorkflowDoc, notes: NoteDoc[]): WorkflowDoc {
  const { notes: _old, ...canvas } = doc.canvas ?? {}
  const nextCanvas = notes.length > 0 ? { ...canvas, notes } : canvas
  const { canvas: _c, ...rest } = doc
  return Object.keys(nextCanvas).length > 0 ? { ...rest, canvas: nextCanvas } : rest
}

export function noteToNode(note: NoteDoc, selected: boolean): NoteNode {
  return {
    id: noteNodeId(note.id),
    type: 'note',
    position: { x: note.position.x, y: note.position.y },
    width: note.width ?? NOTE_SIZE.width,
    height: note.height ?? NOTE_SIZE.height,
    data: { note },
    selected,
  }
}

/** Nodes for the notes; unchanged notes keep their node object (see documentToNodes). */
export function documentToNoteNodes(
  notes: readonly NoteDoc[],
  selected: ReadonlySet<string>,
  cache: Map<string, NoteNode>,
): NoteNode[] {
  const seen = new Set<string>()
  const nodes = notes.map((note) => {
    seen.add(note.id)
    const isSelected = selected.has(note.id)
    const prev = cache.get(note.id)
    if (prev && prev.data.note === note && prev.selected === isSelected) return prev
    const node = noteToNode(note, isSelected)
    cache.set(note.id, node)
    return node
  })
  for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id)
  return nodes
}

/** A new empty note at `at` with the first free `note_<n>` id. */
export function newNote(doc: WorkflowDoc, at: XY): NoteDoc {
  const taken = new Set(notesOf(doc).map((n) => n.id))
  let n = 1
  while (taken.has(`note_${n}`)) n++
  return { id: `note_${n}`, text: '', position: { x: Math.round(at.x), y: Math.round(at.y) }, ...NOTE_SIZE }
}

export function addNote(doc: WorkflowDoc, note: NoteDoc): WorkflowDoc {
  return withNotes(doc, [...notesOf(doc), note])
}

export function removeNotes(doc: WorkflowDoc, ids: ReadonlySet<string>): WorkflowDoc {
  const notes = notesOf(doc)
  const kept = notes.filter((n) => !ids.has(n.id))
  return kept.length === notes.length ? doc : withNotes(doc, kept)
}

/** Changes some notes; `change` returns the note itself when nothing changes. */
function mapNotes(doc: WorkflowDoc, change: (note: NoteDoc) => NoteDoc): WorkflowDoc {
  const notes = notesOf(doc)
  let changed = false
  const next = notes.map((note) => {
    const updated = change(note)
    changed ||= updated !== note
    return updated
  })
  return changed ? withNotes(doc, next) : doc
}

export function setNoteText(doc: WorkflowDoc, id: string, text: string): WorkflowDoc {
  return mapNotes(doc, (n) => (n.id === id && n.text !== text ? { ...n, text } : n))
}

export function applyNotePositions(doc: WorkflowDoc, positions: ReadonlyMap<string, XY>): WorkflowDoc {
  if (positions.size === 0) return doc
  return mapNotes(doc, (n) => {
    const p = positions.get(n.id)
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n
    return { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } }
  })
}

export function applyNoteSizes(doc: WorkflowDoc, sizes: ReadonlyMap<string, Size>): WorkflowDoc {
  if (sizes.size === 0) return doc
  return mapNotes(doc, (n) => {
    const s = sizes.get(n.id)
    if (!s) return n
    const width = Math.max(1, Math.round(s.width))
    const height = Math.max(1, Math.round(s.height))
    return width === n.width && height === n.height ? n : { ...n, width, height }
  })
}

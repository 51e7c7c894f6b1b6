import { describe, expect, it } from 'vitest'
import {
  addNote,
  applyNotePositions,
  applyNoteSizes,
  documentToNoteNodes,
  newNote,
  noteIdOf,
  noteNodeId,
  notesOf,
  removeNotes,
  setNoteText,
} from './canvas-notes'
import type { NoteNode, WorkflowDoc } from './canvas-types'

const base: WorkflowDoc = { name: 'w', steps: [{ id: 'a', name: 'A', type: 'command', action: 'echo' }] }

describe('canvas notes', () => {
  it('a new note gets the first free id and lands in canvas.notes', () => {
    const one = addNote(base, newNote(base, { x: 10.4, y: 20.6 }))
    const two = addNote(one, newNote(one, { x: 0, y: 0 }))
    expect(notesOf(two).map((n) => n.id)).toEqual(['note_1', 'note_2'])
    expect(notesOf(one)[0]).toMatchObject({ text: '', position: { x: 10, y: 21 } })
    expect(two.steps).toBe(base.steps)
  })

  it('removing the last note removes canvas, so an unchanged document stays as it was', () => {
    const withNote = addNote(base, newNote(base, { x: 0, y: 0 }))
    expect(removeNotes(withNote, new Set(['note_1']))).toEqual(base)
    expect(removeNotes(withNote, new Set(['other']))).toBe(withNote)
  })

  it('text, move and resize change only the named note and keep identity when nothing changes', () => {
    let doc = addNote(addNote(base, newNote(base, { x: 0, y: 0 })), {
      id: 'b',
      text: 'keep',
      position: { x: 5, y: 5 },
    })
    const untouched = notesOf(doc)[1]
    doc = setNoteText(doc, 'note_1', 'hello')
    doc = applyNotePositions(doc, new Map([['note_1', { x: 33.3, y: 44 }]]))
    doc = applyNoteSizes(doc, new Map([['note_1', { width: 300.2, height: 90 }]]))
    expect(notesOf(doc)[0]).toEqual({
      id: 'note_1',
      text: 'hello',
      position: { x: 33, y: 44 },
      width: 300,
      height: 90,
    })
    expect(notesOf(doc)[1]).toBe(untouched)
    expect(setNoteText(doc, 'note_1', 'hello')).toBe(doc)
  })

  it('note node ids never collide with step ids', () => {
    expect(noteIdOf(noteNodeId('a'))).toBe('a')
    expect(noteIdOf('a')).toBeUndefined()
  })

  it('unchanged notes keep their node object', () => {
    const doc = addNote(base, newNote(base, { x: 0, y: 0 }))
    const cache = new Map<string, NoteNode>()
    const first = documentToNoteNodes(notesOf(doc), new Set(), cache)
    expect(documentToNoteNodes(notesOf(doc), new Set(), cache)[0]).toBe(first[0])
    expect(documentToNoteNodes(notesOf(doc), new Set(['note_1']), cache)[0]?.selected).toBe(true)
    expect(first[0]).toMatchObject({ id: 'note:note_1', type: 'note', width: 220, height: 140 })
  })

  it('malformed notes from the JSON view are skipped', () => {
    const doc = {
      ...base,
      canvas: { notes: [{ id: 'x' }, { id: 'ok', text: '', position: { x: 0, y: 0 } }] },
    } as WorkflowDoc
    expect(notesOf(doc).map((n) => n.id)).toEqual(['ok'])
  })
})

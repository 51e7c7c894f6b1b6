import { describe, expect, it } from 'vitest'
import { KEY_BINDINGS } from './shortcuts'

const press = (key: string, mods: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey'>> = {}) =>
  ({ key, ctrlKey: false, metaKey: false, shiftKey: false, ...mods }) as KeyboardEvent

const commandFor = (e: KeyboardEvent) => KEY_BINDINGS.find((b) => b.matches(e))?.command

describe('editor key bindings', () => {
  it('every key command is listed once in the help table', () => {
    const commands = KEY_BINDINGS.map((b) => b.command)
    expect(new Set(commands).size).toBe(commands.length)
    expect([...commands].sort()).toEqual(['duplicate', 'help', 'redo', 'remove', 'save', 'selectAll', 'undo'])
  })

  it.each([
    [press('z', { ctrlKey: true }), 'undo'],
    [press('Z', { metaKey: true, shiftKey: true }), 'redo'],
    [press('y', { ctrlKey: true }), 'redo'],
    [press('Delete'), 'remove'],
    [press('Backspace'), 'remove'],
    [press('d', { ctrlKey: true }), 'duplicate'],
    [press('a', { metaKey: true }), 'selectAll'],
    [press('s', { ctrlKey: true }), 'save'],
    [press('?', { shiftKey: true }), 'help'],
  ])('%o runs %s', (event, command) => {
    expect(commandFor(event)).toBe(command)
  })

  it('plain letters and Ctrl+Backspace do nothing', () => {
    expect(commandFor(press('z'))).toBeUndefined()
    expect(commandFor(press('Backspace', { ctrlKey: true }))).toBeUndefined()
  })
})

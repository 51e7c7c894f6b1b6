import { describe, expect, it } from 'vitest'
import { sortNodeChanges } from './node-changes'

describe('sortNodeChanges', () => {
  it('separates step and note moves, note resizes and step measurements', () => {
    const sorted = sortNodeChanges([
      { type: 'position', id: 'a', position: { x: 1, y: 2 } },
      { type: 'position', id: 'note:n', position: { x: 3, y: 4 } },
      {
        type: 'dimensions',
        id: 'note:n',
        resizing: true,
        setAttributes: true,
        dimensions: { width: 50, height: 60 },
      },
      { type: 'dimensions', id: 'a', dimensions: { width: 240, height: 90 } },
      { type: 'select', id: 'note:n', selected: true },
    ])
    expect(sorted.stepPositions).toEqual(new Map([['a', { x: 1, y: 2 }]]))
    expect(sorted.notePositions).toEqual(new Map([['n', { x: 3, y: 4 }]]))
    expect(sorted.noteSizes).toEqual(new Map([['n', { width: 50, height: 60 }]]))
    expect(sorted.resizing).toBe(true)
    expect(sorted.measured).toEqual(new Map([['a', { width: 240, height: 90 }]]))
    expect(sorted.selection).toEqual(new Map([['note:n', true]]))
  })

  it('a measured note is not a resize', () => {
    const sorted = sortNodeChanges([
      { type: 'dimensions', id: 'note:n', dimensions: { width: 1, height: 1 } },
    ])
    expect(sorted.noteSizes.size).toBe(0)
    expect(sorted.measured.size).toBe(0)
    expect(sorted.resizing).toBeUndefined()
  })
})

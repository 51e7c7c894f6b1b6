import { describe, expect, it } from 'vitest'
import {
  beginTransient,
  breakCoalescing,
  createHistory,
  endTransient,
  recordEdit,
  recordTransient,
  redo,
  undo,
} from './history'

describe('history', () => {
  it('undo and redo walk back and forth through exact snapshots', () => {
    const a = { v: 1 }
    const b = { v: 2 }
    const c = { v: 3 }
    let h = recordEdit(recordEdit(createHistory(a), b), c)
    h = undo(h)
    expect(h.present).toBe(b)
    h = undo(h)
    expect(h.present).toBe(a)
    expect(undo(h)).toEqual(h)
    h = redo(redo(h))
    expect(h.present).toBe(c)
  })
  it('a new edit after undo drops the redo stack', () => {
    let h = recordEdit(createHistory(1), 2)
    h = recordEdit(undo(h), 3)
    expect(h.future).toEqual([])
    expect(redo(h).present).toBe(3)
  })
  it('edits with the same coalesce key form one undo step until coalescing breaks', () => {
    let h = recordEdit(createHistory('a'), 'ab', 'name')
    h = recordEdit(h, 'abc', 'name')
    expect(undo(h).present).toBe('a')
    h = recordEdit(breakCoalescing(h), 'abcd', 'name')
    expect(undo(h).present).toBe('abc')
  })
  it('a drag is one undo step from its start to its end', () => {
    let h = beginTransient(createHistory(0))
    for (let i = 1; i <= 10; i++) h = recordTransient(h, i)
    h = endTransient(h)
    expect(h.past).toEqual([0])
    expect(undo(h).present).toBe(0)
  })
  it('a drag that moves nothing records nothing', () => {
    expect(endTransient(beginTransient(createHistory(0))).past).toEqual([])
  })
})

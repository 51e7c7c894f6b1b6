import { describe, expect, it } from 'vitest'
import { clampRow, isScrolledToBottom, visibleWindow } from './virtual-window'

describe('visibleWindow', () => {
  it('renders only the rows on screen plus the overscan, at the top', () => {
    expect(visibleWindow({ scrollTop: 0, viewportHeight: 100, rowHeight: 20, count: 100_000, overscan: 2 })).toEqual({
      start: 0,
      end: 8,
      offsetTop: 0,
      totalHeight: 2_000_000,
    })
  })

  it('a window deep in 100,000 rows is as small as one at the top', () => {
    const w = visibleWindow({ scrollTop: 1_000_000, viewportHeight: 100, rowHeight: 20, count: 100_000, overscan: 2 })
    expect(w).toEqual({ start: 49_998, end: 50_008, offsetTop: 49_998 * 20, totalHeight: 2_000_000 })
  })

  it('a scroll position past the end is clamped to the last screenful', () => {
    const w = visibleWindow({ scrollTop: 9_999_999, viewportHeight: 100, rowHeight: 20, count: 1000, overscan: 0 })
    expect(w.end).toBe(1000)
    expect(w.start).toBe(995)
  })

  it('an empty list renders nothing', () => {
    expect(visibleWindow({ scrollTop: 50, viewportHeight: 100, rowHeight: 20, count: 0 })).toEqual({
      start: 0,
      end: 0,
      offsetTop: 0,
      totalHeight: 0,
    })
  })

  it('a list shorter than the viewport renders every row', () => {
    expect(visibleWindow({ scrollTop: 0, viewportHeight: 500, rowHeight: 20, count: 3 })).toMatchObject({ start: 0, end: 3 })
  })
})

describe('isScrolledToBottom', () => {
  it('is true at the end and within the slack, false above it', () => {
    expect(isScrolledToBottom(900, 100, 1000)).toBe(true)
    expect(isScrolledToBottom(897, 100, 1000)).toBe(true)
    expect(isScrolledToBottom(800, 100, 1000)).toBe(false)
  })
})

describe('clampRow', () => {
  it('keeps keyboard moves inside the list', () => {
    expect(clampRow(0, -1, 10)).toBe(0)
    expect(clampRow(8, 5, 10)).toBe(9)
    expect(clampRow(3, 1, 0)).toBe(0)
  })
})

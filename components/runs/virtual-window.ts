// The math behind the virtualized log: which rows of a fixed-height list are on screen, and
// whether the view sits at the bottom (follow mode keeps it there).

export interface VirtualWindow {
  /** First row to render (inclusive). */
  start: number
  /** Row after the last one to render (exclusive). */
  end: number
  /** Pixels above the first rendered row. */
  offsetTop: number
  /** Height of the whole list, in pixels. */
  totalHeight: number
}

export function visibleWindow(options: {
  scrollTop: number
  viewportHeight: number
  rowHeight: number
  count: number
  /** Extra rows rendered above and below, so fast scrolling shows no blank gap. */
  overscan?: number
}): VirtualWindow {
  const { rowHeight, count } = options
  const overscan = options.overscan ?? 10
  const totalHeight = count * rowHeight
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offsetTop: 0, totalHeight: 0 }
  const maxTop = Math.max(0, totalHeight - options.viewportHeight)
  const scrollTop = Math.min(Math.max(0, options.scrollTop), maxTop)
  const first = Math.floor(scrollTop / rowHeight)
  const visible = Math.ceil(Math.max(0, options.viewportHeight) / rowHeight) + 1
  const start = Math.max(0, first - overscan)
  const end = Math.min(count, first + visible + overscan)
  return { start, end, offsetTop: start * rowHeight, totalHeight }
}

/** Whether the viewport shows the end of the list (within `slack` pixels). */
export function isScrolledToBottom(scrollTop: number, viewportHeight: number, totalHeight: number, slack = 4): boolean {
  return scrollTop + viewportHeight >= totalHeight - slack
}

/** Index of the row after moving by `delta` rows from `index`, kept inside the list. */
export function clampRow(index: number, delta: number, count: number): number {
  if (count === 0) return 0
  return Math.min(count - 1, Math.max(0, index + delta))
}

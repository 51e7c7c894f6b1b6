'use client'
// A windowed list of fixed-height rows: only the rows on screen (plus a few) are in the DOM, so
// 100,000 log lines scroll like 100. In follow mode it stays pinned to the newest row; scrolling
// up leaves follow mode, scrolling back to the bottom returns to it.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { isScrolledToBottom, visibleWindow } from './virtual-window'
import styles from './run-inspector.module.css'

export function VirtualList<T>(props: {
  items: readonly T[]
  rowHeight: number
  height: number
  label: string
  follow: boolean
  onFollowChange: (follow: boolean) => void
  renderRow: (item: T, index: number) => ReactNode
  rowKey: (item: T, index: number) => string
}) {
  const { items, rowHeight, height, follow, onFollowChange } = props
  const ref = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const total = items.length * rowHeight

  useLayoutEffect(() => {
    const el = ref.current
    if (!el || !follow) return
    el.scrollTop = el.scrollHeight
    setScrollTop(el.scrollTop)
  }, [follow, items.length])

  const range = visibleWindow({ scrollTop, viewportHeight: height, rowHeight, count: items.length })
  const rows: ReactNode[] = []
  for (let i = range.start; i < range.end; i++) {
    const item = items[i] as T
    rows.push(
      <div key={props.rowKey(item, i)} className={styles.row} style={{ height: rowHeight }} aria-posinset={i + 1} aria-setsize={items.length} role="listitem">
        {props.renderRow(item, i)}
      </div>,
    )
  }
  return (
    <div
      ref={ref}
      className={styles.viewport}
      style={{ height }}
      tabIndex={0}
      role="list"
      aria-label={props.label}
      onScroll={(e) => {
        const el = e.currentTarget
        setScrollTop(el.scrollTop)
        const atBottom = isScrolledToBottom(el.scrollTop, el.clientHeight, total)
        if (atBottom !== follow) onFollowChange(atBottom)
      }}
    >
      <div style={{ height: total, position: 'relative' }}>
        <div style={{ position: 'absolute', top: range.offsetTop, left: 0, right: 0 }}>{rows}</div>
      </div>
    </div>
  )
}

'use client'
// A collapsible JSON viewer with a copy button. Closed branches render nothing, so a large
// output costs only what is open.
import { useState } from 'react'
import styles from './run-inspector.module.css'

const PREVIEW_KEYS = 3

function preview(value: object): string {
  if (Array.isArray(value)) return `[${value.length} item${value.length === 1 ? '' : 's'}]`
  const keys = Object.keys(value)
  const shown = keys.slice(0, PREVIEW_KEYS).join(', ')
  return `{ ${shown}${keys.length > PREVIEW_KEYS ? ', …' : ''} }`
}

function Scalar({ value }: { value: unknown }) {
  if (typeof value === 'string') return <span className={styles.jsonString}>{JSON.stringify(value)}</span>
  if (typeof value === 'number' || typeof value === 'boolean') return <span className={styles.jsonNumber}>{String(value)}</span>
  return <span className={styles.jsonNull}>null</span>
}

function JsonNode({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const isBranch = typeof value === 'object' && value !== null
  const [open, setOpen] = useState(depth < 2)
  const label = name === null ? null : <span className={styles.jsonKey}>{name}: </span>
  if (!isBranch)
    return (
      <li>
        {label}
        <Scalar value={value} />
      </li>
    )
  const entries: [string, unknown][] = Array.isArray(value)
    ? (value as unknown[]).map((v, i) => [String(i), v])
    : Object.entries(value)
  return (
    <li>
      <button type="button" className={styles.jsonToggle} aria-expanded={open} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {label}
        {open ? (Array.isArray(value) ? '[' : '{') : preview(value)}
      </button>
      {open ? (
        <>
          <ul className={styles.jsonList}>
            {entries.map(([key, child]) => (
              <JsonNode key={key} name={key} value={child} depth={depth + 1} />
            ))}
          </ul>
          <span>{Array.isArray(value) ? ']' : '}'}</span>
        </>
      ) : null}
    </li>
  )
}

export function JsonTree({ value, label }: { value: unknown; label: string }) {
  const [copied, setCopied] = useState(false)
  const copy = () => {
    void navigator.clipboard
      ?.writeText(JSON.stringify(value, null, 2))
      .then(() => setCopied(true))
      .catch(() => setCopied(false))
  }
  return (
    <div className={styles.json} role="group" aria-label={label}>
      <button type="button" className={styles.copy} onClick={copy} aria-label={`Copy ${label}`}>
        {copied ? 'Copied' : 'Copy'}
      </button>
      <ul className={`${styles.jsonList} mono`}>
        <JsonNode name={null} value={value} depth={0} />
      </ul>
    </div>
  )
}

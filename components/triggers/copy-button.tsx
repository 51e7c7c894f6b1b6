'use client'
// A button that copies a text to the clipboard and says whether it did.
import { useState } from 'react'

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [result, setResult] = useState<'copied' | 'failed' | null>(null)
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setResult('copied'),
      () => setResult('failed'),
    )
  return (
    <span>
      <button type="button" onClick={() => void copy()}>
        {label}
      </button>{' '}
      <span role="status" className="muted">
        {result === 'copied'
          ? 'Copied'
          : result === 'failed'
            ? 'Could not copy: select the text instead'
            : ''}
      </span>
    </span>
  )
}

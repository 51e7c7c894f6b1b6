'use client'
// The document as JSON text, editable. Text that parses into a workflow-shaped object updates
// the canvas; anything else shows why and leaves the canvas as it was.
import { useRef, useState } from 'react'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import { parseDocumentText } from './parse-document-text'

function format(doc: WorkflowDoc): string {
  return JSON.stringify(doc, null, 2)
}

export function JsonView({ doc, onApply, readOnly }: { doc: WorkflowDoc; onApply: (doc: WorkflowDoc) => void; readOnly?: boolean }) {
  const [text, setText] = useState(() => format(doc))
  const [seen, setSeen] = useState(doc)
  const [error, setError] = useState<string | null>(null)
  const applied = useRef<WorkflowDoc | null>(null)
  if (seen !== doc) {
    setSeen(doc)
    // A change from elsewhere (undo, the canvas) replaces the text; our own edit keeps it.
    // eslint-disable-next-line react-hooks/refs -- compared, not rendered
    if (doc !== applied.current) {
      setText(format(doc))
      setError(null)
    }
  }
  const onChange = (next: string) => {
    setText(next)
    const parsed = parseDocumentText(next)
    if (!parsed.ok) return setError(parsed.message)
    setError(null)
    applied.current = parsed.doc
    onApply(parsed.doc)
  }
  return (
    <div className="json-view">
      {error ? (
        <div className="error-box" role="alert" aria-label="JSON error">
          {error} The canvas keeps the last valid document.
        </div>
      ) : null}
      <textarea
        aria-label="Workflow JSON"
        className="mono"
        spellCheck={false}
        readOnly={readOnly}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  )
}

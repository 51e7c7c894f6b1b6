'use client'
// The document as JSON text, editable. Text that parses into a workflow-shaped object updates
// the canvas; anything else shows why (and where, in the editor) and leaves the canvas as it was.
import { useRef, useState } from 'react'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import { LazyJsonEditor } from '@/components/code-editor/lazy-editors'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import { parseDocumentText, type ParsedDocument } from './parse-document-text'

type ParseFailure = Extract<ParsedDocument, { ok: false }>

function format(doc: WorkflowDoc): string {
  return JSON.stringify(doc, null, 2)
}

export function JsonView({
  doc,
  onApply,
  readOnly,
  issues = [],
}: {
  doc: WorkflowDoc
  onApply: (doc: WorkflowDoc) => void
  readOnly?: boolean
  issues?: readonly WorkflowIssue[]
}) {
  const [text, setText] = useState(() => format(doc))
  const [seen, setSeen] = useState(doc)
  const [failure, setFailure] = useState<ParseFailure | null>(null)
  const applied = useRef<WorkflowDoc | null>(null)
  if (seen !== doc) {
    setSeen(doc)
    // A change from elsewhere (undo, the canvas) replaces the text; our own edit keeps it.
    // eslint-disable-next-line react-hooks/refs -- compared, not rendered
    if (doc !== applied.current) {
      setText(format(doc))
      setFailure(null)
    }
  }
  const onChange = (next: string) => {
    setText(next)
    const parsed = parseDocumentText(next)
    if (!parsed.ok) return setFailure(parsed)
    setFailure(null)
    applied.current = parsed.doc
    onApply(parsed.doc)
  }
  return (
    <div className="json-view">
      {failure ? (
        <div className="error-box" role="alert" aria-label="JSON error">
          {failure.message} The canvas keeps the last valid document.
        </div>
      ) : null}
      <LazyJsonEditor
        label="Workflow JSON"
        value={text}
        onChange={onChange}
        readOnly={readOnly}
        issues={issues}
        failure={failure ?? undefined}
      />
    </div>
  )
}

// Parses the JSON view's text into a document the canvas can show, or says why it cannot
// (with the line and column of a JSON syntax error). Pure.
import { MAX_DOCUMENT_BYTES } from '@/server/engine/limits'
import { findJsonErrorOffset } from '@/server/workflows/json-error-position'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import { prepareDocument } from '@/components/canvas/flow-document'

export type ParsedDocument =
  | { ok: true; doc: WorkflowDoc }
  /** `offset` (a syntax error) or `path` (a misshapen part) says where, for the editor's marker. */
  | { ok: false; message: string; offset?: number; path?: (string | number)[] }

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset)
  return `line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`
}

/** Parses the JSON view's text into a document the canvas can show. */
export function parseDocumentText(text: string): ParsedDocument {
  const bytes = new TextEncoder().encode(text).length
  if (bytes > MAX_DOCUMENT_BYTES)
    return { ok: false, message: `The document is ${bytes} bytes; the limit is ${MAX_DOCUMENT_BYTES} bytes (1 MiB).` }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const offset = findJsonErrorOffset(text)
    const where = offset === undefined ? '' : ` at ${lineColumn(text, offset)}`
    const detail = (error as Error).message.replace(/, ".*" is not valid JSON$/s, '')
    return { ok: false, message: `Not valid JSON${where}: ${detail}`, offset }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, message: 'The document must be a JSON object with "name" and "steps".' }
  const steps = (value as { steps?: unknown }).steps
  if (!Array.isArray(steps)) return { ok: false, message: '"steps" must be a list of steps.', path: ['steps'] }
  const ids = new Set<string>()
  for (const [i, step] of steps.entries()) {
    const s = step as { id?: unknown; type?: unknown } | null
    if (typeof s !== 'object' || s === null || Array.isArray(s))
      return { ok: false, message: `steps[${i}] must be an object.`, path: ['steps', i] }
    if (typeof s.id !== 'string' || s.id === '')
      return { ok: false, message: `steps[${i}].id must be a non-empty string to show the step on the canvas.`, path: ['steps', i, 'id'] }
    if (typeof s.type !== 'string') return { ok: false, message: `steps[${i}].type must be a string.`, path: ['steps', i, 'type'] }
    if (ids.has(s.id))
      return { ok: false, message: `steps[${i}].id "${s.id}" is used twice; step ids must be unique.`, path: ['steps', i, 'id'] }
    ids.add(s.id)
  }
  return { ok: true, doc: prepareDocument(value as WorkflowDoc) }
}


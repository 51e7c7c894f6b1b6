// Import and export of workflow documents as JSON text.
import { WorkflowError } from '@/server/engine/errors'
import { MAX_DOCUMENT_BYTES } from '@/server/engine/limits'
import { findJsonErrorOffset } from './json-error-position'
import { createWorkflow, type WorkflowDeps } from './workflow-store'
import { getWorkflowVersion } from './workflow-versions'

/** Parses JSON text, naming the line and column of a syntax error. */
export function parseWorkflowJson(text: string): unknown {
  const bytes = new TextEncoder().encode(text).length
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw new WorkflowError(
      'invalid_workflow',
      `The document is ${bytes} bytes; the limit is ${MAX_DOCUMENT_BYTES} bytes (1 MiB).`,
    )
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).replace(/, ".*" is not valid JSON$/s, '')
    const where = locateJsonError(text)
    throw new WorkflowError('invalid_workflow', `The file is not valid JSON${where}: ${detail}`)
  }
}

function locateJsonError(text: string): string {
  const offset = findJsonErrorOffset(text)
  if (offset === undefined) return ''
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return ` (line ${line}, column ${column})`
}

export async function importWorkflow(deps: WorkflowDeps, input: { json: string; name?: string }) {
  const parsed = parseWorkflowJson(input.json)
  const definition =
    input.name && parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? { ...(parsed as Record<string, unknown>), name: input.name }
      : parsed
  return createWorkflow(deps, { definition, message: 'Imported' })
}

export async function exportWorkflow(deps: WorkflowDeps, input: { id: string; version?: number }) {
  const found = await getWorkflowVersion(deps.db, input.id, input.version)
  const slug = found.definition.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'workflow'
  return {
    filename: `${slug}.v${found.version}.json`,
    json: JSON.stringify(found.definition, null, 2),
  }
}

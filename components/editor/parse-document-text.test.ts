import { describe, expect, it } from 'vitest'
import { parseDocumentText } from './parse-document-text'

describe('parseDocumentText (the JSON view)', () => {
  it('accepts a workflow-shaped object and places its steps', () => {
    const parsed = parseDocumentText(JSON.stringify({ name: 'W', steps: [{ id: 'a', type: 'command', name: 'A' }] }))
    expect(parsed.ok && parsed.doc.steps[0]?.position).toEqual({ x: 0, y: 0 })
  })
  it.each([
    ['broken JSON, with line and column', '{\n  "name": "W",\n}', 'Not valid JSON at line 3, column 1'],
    ['a non-object', '[1, 2]', 'must be a JSON object'],
    ['missing steps', '{"name":"W"}', '"steps" must be a list'],
    ['a step without an id', '{"steps":[{"type":"command"}]}', 'steps[0].id must be a non-empty string'],
    ['duplicate ids', '{"steps":[{"id":"a","type":"wait"},{"id":"a","type":"wait"}]}', 'used twice'],
    ['an oversized document', JSON.stringify({ steps: [], pad: 'x'.repeat(1_100_000) }), 'the limit is 1048576 bytes'],
  ])('refuses %s', (_label, text, message) => {
    const parsed = parseDocumentText(text)
    expect(parsed.ok).toBe(false)
    expect(parsed.ok ? '' : parsed.message).toContain(message)
  })
})

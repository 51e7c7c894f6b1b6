import { describe, expect, it } from 'vitest'
import { issue } from '@/server/engine/workflow-issues'
import { parseDocumentText } from '@/components/editor/parse-document-text'
import { issueDiagnostics, parseFailureDiagnostic, spanOfPath } from './json-diagnostics'

const text = JSON.stringify(
  {
    name: 'W',
    steps: [
      { id: 'a', type: 'command', action: 'echo', retryPolicy: { maxAttempts: 0 } },
      { id: 'b', type: 'condition', expression: 'steps.a.output.code ==' },
    ],
  },
  null,
  2,
)

const marked = (span: { from: number; to: number } | undefined) => span && text.slice(span.from, span.to)

describe('placing a document path in the JSON text', () => {
  it('a scalar value is marked whole', () => {
    expect(marked(spanOfPath(text, ['steps', 0, 'retryPolicy', 'maxAttempts']))).toBe('0')
    expect(marked(spanOfPath(text, ['steps', 1, 'id']))).toBe('"b"')
  })

  it('an object is marked on its first line', () => {
    expect(marked(spanOfPath(text, ['steps', 0, 'retryPolicy']))).toBe('"retryPolicy": {')
    expect(marked(spanOfPath(text, ['steps', 1]))).toBe('{')
  })

  it('a missing key marks the nearest part that exists', () => {
    expect(marked(spanOfPath(text, ['steps', 0, 'timeout']))).toBe('{')
  })
})

describe('validation issues as diagnostics', () => {
  it('an expression error is marked at its range inside the string', () => {
    const [found] = issueDiagnostics(text, [
      issue({
        code: 'invalid_expression',
        message: 'Invalid expression',
        path: ['steps', 1, 'expression'],
        stepId: 'b',
        range: { start: 20, end: 22 },
      }),
    ])
    expect(found).toMatchObject({ severity: 'error', message: 'Invalid expression' })
    expect(text.slice(found!.from, found!.to)).toBe('==')
  })

  it('a warning keeps its severity', () => {
    const [found] = issueDiagnostics(text, [
      issue({ code: 'no_online_device', message: 'offline', path: ['steps', 0, 'action'], severity: 'warning' }),
    ])
    expect(found).toMatchObject({ severity: 'warning' })
    expect(text.slice(found!.from, found!.to)).toBe('"echo"')
  })
})

describe('parse failures as diagnostics', () => {
  it('a syntax error is marked at its offset', () => {
    const bad = '{\n  "name": "W",\n  "steps": [}\n}'
    const parsed = parseDocumentText(bad)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    const found = parseFailureDiagnostic(bad, parsed)
    expect(bad.slice(found.from, found.to)).toBe('}')
    expect(found.message).toContain('Not valid JSON at line 3')
  })

  it('a misshapen step is marked at its path', () => {
    const bad = text.replace('"id": "b"', '"id": "a"')
    const parsed = parseDocumentText(bad)
    if (parsed.ok) throw new Error('expected a failure')
    expect(bad.slice(parseFailureDiagnostic(bad, parsed).from, parseFailureDiagnostic(bad, parsed).to)).toBe('"a"')
  })
})

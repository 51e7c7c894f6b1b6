import { describe, expect, it } from 'vitest'
import { completionsFor, pathAtCursor, type CompletionScope } from './expression-completions'

const scope: CompletionScope = {
  inputs: [{ name: 'version', type: 'string' }],
  vars: { region: 'eu', limits: { cpu: 2 } },
  steps: [
    { id: 'seed', name: 'Seed', type: 'transform' },
    { id: 'check', type: 'condition' },
  ],
  runInputs: { version: '1.2', target: { host: 'a' } },
  stepResults: { seed: { output: { n: 21, info: { host: 'edge-7' } }, status: 'succeeded', error: null } },
  secrets: ['API_TOKEN'],
  inParallel: false,
}

const labels = (path: string[]) => completionsFor(scope, path).map((c) => c.label)

describe('the path before the cursor', () => {
  it.each([
    ['steps.', 'expression', { from: 6, path: ['steps'] }],
    ['steps.seed.output.in', 'expression', { from: 18, path: ['steps', 'seed', 'output'] }],
    ['x > 1 && inp', 'expression', { from: 9, path: [] }],
    ['', 'expression', { from: 0, path: [] }],
    ['Hi {{ vars.', 'template', { from: 11, path: ['vars'] }],
  ] as const)('%j (%s)', (text, mode, expected) => {
    expect(pathAtCursor(text, mode)).toEqual(expected)
  })

  it.each([
    ['plain text of a template', 'Hello vars.', 'template'],
    ['after a closed {{ }}', '{{ vars.a }} steps.', 'template'],
    ['inside a string literal', '"steps.', 'expression'],
    ['after an index', 'vars.list[0].', 'expression'],
    ['inside a number', '1.5', 'expression'],
  ] as const)('nothing to complete %s', (_, text, mode) => {
    expect(pathAtCursor(text, mode)).toBeUndefined()
  })
})

describe('what can follow a path', () => {
  it('the context roots (item and index only in a parallel step)', () => {
    expect(labels([])).toEqual(expect.arrayContaining(['inputs', 'vars', 'steps', 'secrets', 'run']))
    expect(labels([])).not.toContain('item')
    expect(completionsFor({ ...scope, inParallel: true }, []).map((c) => c.label)).toEqual(
      expect.arrayContaining(['item', 'index']),
    )
  })

  it('inputs from the input schema, then fields of the last run’s input values', () => {
    expect(labels(['inputs'])).toEqual(['version'])
    expect(labels(['inputs', 'target'])).toEqual(['host'])
  })

  it('variables and their nested fields', () => {
    expect(labels(['vars'])).toEqual(['region', 'limits'])
    expect(labels(['vars', 'limits'])).toEqual(['cpu'])
  })

  it('step ids, then a step’s result fields, then its output paths from the last run', () => {
    expect(labels(['steps'])).toEqual(['seed', 'check'])
    expect(labels(['steps', 'seed'])).toEqual(['output', 'status', 'error'])
    expect(completionsFor(scope, ['steps', 'seed', 'output'])).toEqual([
      { label: 'n', type: 'property', detail: '21' },
      { label: 'info', type: 'property', detail: 'map' },
    ])
    expect(labels(['steps', 'seed', 'output', 'info'])).toEqual(['host'])
    expect(labels(['steps', 'check', 'output'])).toEqual([])
  })

  it('secret names and run fields', () => {
    expect(labels(['secrets'])).toEqual(['API_TOKEN'])
    expect(labels(['run'])).toEqual(['id', 'workflowId', 'version', 'startedAt'])
    expect(labels(['nope'])).toEqual([])
  })
})

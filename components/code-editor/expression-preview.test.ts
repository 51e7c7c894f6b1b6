import { describe, expect, it } from 'vitest'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import { completionScope, previewContext, type ScopeSource } from './expression-scope'
import { previewExpression } from './expression-preview'

const doc: WorkflowDoc = {
  name: 'Preview',
  variables: { region: 'eu' },
  inputs: { type: 'object', properties: { count: { type: 'integer', default: 3 } } },
  steps: [
    { id: 'seed', name: 'Seed', type: 'transform', output: { n: '{{ 21 }}' } },
    { id: 'fan', name: 'Fan', type: 'parallel', action: 'echo', over: 'items', items: '{{ [1, 2] }}', variables: { region: 'us' } },
    { id: 'check', name: 'Check', type: 'condition', expression: 'true' },
  ],
}

const lastRun: ScopeSource['lastRun'] = {
  id: 'run-1',
  workflowId: 'wf-1',
  workflowVersion: 4,
  startedAt: new Date('2030-01-02T03:04:05.000Z'),
  createdAt: new Date('2030-01-02T03:04:00.000Z'),
  inputs: { count: 5 },
  steps: [
    { stepId: 'seed', status: 'succeeded', output: { n: 21, host: 'edge-7' }, error: null },
    { stepId: 'fan', status: 'running', output: null, error: null },
  ],
}

const source = (stepId: string): ScopeSource => ({ doc, stepId, lastRun, secrets: [] })
const preview = (text: string, mode: 'expression' | 'template', stepId = 'check') =>
  previewExpression(text, mode, previewContext(source(stepId)))

describe('the preview under an expression field', () => {
  it('evaluates against the last run’s inputs and step outputs', () => {
    expect(preview('steps.seed.output.n * 2', 'expression')).toEqual({ kind: 'value', text: '42' })
    expect(preview('inputs.count + 1', 'expression')).toEqual({ kind: 'value', text: '6' })
    expect(preview('run.version', 'expression')).toEqual({ kind: 'value', text: '4' })
  })

  it('renders a template: one part keeps its type, several make a string', () => {
    expect(preview('{{ steps.seed.output }}', 'template')).toEqual({ kind: 'value', text: '{"n":21,"host":"edge-7"}' })
    expect(preview('on {{ steps.seed.output.host }} in {{ vars.region }}', 'template')).toEqual({
      kind: 'value',
      text: '"on edge-7 in eu"',
    })
  })

  it('a step’s own variables override the workflow’s', () => {
    expect(preview('vars.region', 'expression', 'fan')).toEqual({ kind: 'value', text: '"us"' })
  })

  it('says why a path has no value: steps without a finished result are not there', () => {
    const result = preview('steps.fan.output', 'expression')
    expect(result).toMatchObject({ kind: 'error' })
    expect(result?.kind === 'error' && result.message).toContain('Step "fan" has no result in this run')
  })

  it('without a run, inputs take their defaults', () => {
    const context = previewContext({ doc, stepId: 'check', lastRun: undefined, secrets: [] })
    expect(previewExpression('inputs.count', 'expression', context)).toEqual({ kind: 'value', text: '3' })
  })

  it('never evaluates secrets, nor item and index outside a running parallel step', () => {
    expect(preview('secrets.TOKEN', 'expression')).toMatchObject({ kind: 'hidden' })
    expect(preview('{{ item.host }}', 'template', 'fan')).toMatchObject({ kind: 'hidden' })
  })

  it('shows nothing for empty text or a template without {{ }}', () => {
    expect(preview('  ', 'expression')).toBeUndefined()
    expect(preview('plain text', 'template')).toBeUndefined()
  })
})

describe('the completion scope of a step', () => {
  it('lists the other steps, the inputs and the last run’s finished results', () => {
    const scope = completionScope(source('check'))
    expect(scope.steps.map((s) => s.id)).toEqual(['seed', 'fan'])
    expect(scope.inputs).toEqual([{ name: 'count', type: 'integer' }])
    expect(Object.keys(scope.stepResults)).toEqual(['seed'])
    expect(scope.inParallel).toBe(false)
    expect(completionScope(source('fan')).inParallel).toBe(true)
  })
})

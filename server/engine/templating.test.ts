import { describe, expect, it } from 'vitest'
import type { ExpressionContext } from './expressions'
import { parseTemplate, renderParams, renderTemplate, TemplateError } from './templating'

const ctx: ExpressionContext = {
  inputs: { env: 'prod', count: 3, hosts: ['a', 'b'] },
  vars: {},
  steps: { build: { status: 'succeeded', error: null, output: { artifact: { url: 'https://x/app.tgz' } } } },
  run: { id: 'run_1', workflowId: 'wf', version: 1, startedAt: '2030-01-01T00:00:00Z' },
  item: 'host-1',
  index: 0,
}

describe('parseTemplate', () => {
  it('splits literals and expressions with offsets', () => {
    expect(parseTemplate('Hi {{ inputs.env }}!')).toEqual({
      ok: true,
      segments: [
        { kind: 'literal', text: 'Hi ', start: 0, end: 3 },
        { kind: 'expression', source: 'inputs.env', start: 6, end: 16, outer: { start: 3, end: 19 } },
        { kind: 'literal', text: '!', start: 19, end: 20 },
      ],
    })
  })
  it('an unterminated {{ is an error with its range', () => {
    expect(parseTemplate('a {{ inputs.env')).toMatchObject({ ok: false, range: { start: 2, end: 15 } })
  })
  it('}} inside a string literal does not close the expression', () => {
    expect(parseTemplate('{{ "}}" + inputs.env }}')).toMatchObject({
      ok: true,
      segments: [{ source: '"}}" + inputs.env' }],
    })
  })
})

describe('renderTemplate', () => {
  it.each([
    {
      rule: 'a string that is exactly one expression keeps the number type',
      tpl: '{{ inputs.count }}',
      value: 3,
    },
    { rule: 'a single expression keeps a list', tpl: ' {{ inputs.hosts }} '.trim(), value: ['a', 'b'] },
    { rule: 'mixed text stringifies values', tpl: 'count={{ inputs.count }}', value: 'count=3' },
    {
      rule: 'objects are stringified as JSON inside text',
      tpl: 'hosts={{ inputs.hosts }}',
      value: 'hosts=["a","b"]',
    },
    {
      rule: 'nested step output is readable',
      tpl: 'get {{ steps.build.output.artifact.url }}',
      value: 'get https://x/app.tgz',
    },
    { rule: 'item and index are readable when present', tpl: '{{ item }}#{{ index }}', value: 'host-1#0' },
    { rule: 'a string without braces is returned unchanged', tpl: 'plain', value: 'plain' },
  ])('$rule', ({ tpl, value }) => {
    expect(renderTemplate(tpl, ctx)).toEqual(value)
  })

  it('a missing path fails with the expression and its offset', () => {
    try {
      renderTemplate('url: {{ steps.build.output.artifact.sha }}', ctx)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError)
      const e = error as TemplateError
      expect(e.code).toBe('template_error')
      expect(e.expression).toBe('steps.build.output.artifact.sha')
      expect(e.message).toContain('offset 8')
      expect(e.message).toContain('has no field "sha" (fields: url)')
    }
  })
})

describe('renderParams', () => {
  it('renders every string in nested JSON and keeps other values', () => {
    const params = {
      url: 'https://h/{{ inputs.env }}',
      n: 5,
      list: ['{{ inputs.count }}', true],
      nested: { host: '{{ item }}' },
    }
    expect(renderParams(params, ctx)).toEqual({
      url: 'https://h/prod',
      n: 5,
      list: [3, true],
      nested: { host: 'host-1' },
    })
  })
})

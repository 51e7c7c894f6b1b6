import { describe, expect, it } from 'vitest'
import {
  compileExpression,
  evaluateCondition,
  evaluateSource,
  ExpressionError,
  referencedRoots,
  type ExpressionContext,
} from './expressions'

const ctx: ExpressionContext = {
  inputs: { env: 'prod', count: 3, tags: ['a', 'b'], ratio: 0.5 },
  vars: { region: 'eu-west-1' },
  steps: {
    build: { status: 'succeeded', error: null, output: { code: 0, artifact: { name: 'app.tgz', size: 42 } } },
  },
  run: { id: 'run_1', workflowId: 'wf_1', version: 2, startedAt: '2030-01-01T00:00:00.000Z' },
}

describe('evaluateCondition', () => {
  it.each([
    { rule: '== compares strings', src: 'inputs.env == "prod"', result: true },
    { rule: '!= compares strings', src: 'inputs.env != "prod"', result: false },
    { rule: 'JSON integers compare with int literals', src: 'steps.build.output.code == 0', result: true },
    { rule: '< and >= compare numbers', src: 'inputs.count < 5 && inputs.count >= 3', result: true },
    { rule: 'doubles compare with ints', src: 'inputs.ratio > 0', result: true },
    { rule: '|| and ! combine', src: '!(inputs.env == "dev") || false', result: true },
    { rule: 'string contains works', src: 'vars.region.contains("west")', result: true },
    {
      rule: 'startsWith and endsWith work',
      src: 'vars.region.startsWith("eu") && vars.region.endsWith("-1")',
      result: true,
    },
    { rule: 'list.contains tests membership', src: 'inputs.tags.contains("b")', result: true },
    { rule: 'in tests membership', src: '"c" in inputs.tags', result: false },
    { rule: 'has() tests for a field', src: 'has(steps.build.output.artifact.url)', result: false },
    { rule: 'run metadata is readable', src: 'run.version == 2', result: true },
    { rule: 'arithmetic on JSON integers works', src: 'inputs.count + 1 == 4', result: true },
  ])('$rule', ({ src, result }) => {
    expect(evaluateCondition(src, ctx)).toBe(result)
  })

  it('a non-bool result is an error', () => {
    expect(() => evaluateCondition('inputs.count', ctx)).toThrow(/must yield true or false, got a number/)
  })
})

describe('evaluation errors', () => {
  it.each([
    {
      rule: 'a missing field names the path and the fields that exist',
      src: 'steps.build.output.artifact.url',
      message: 'steps.build.output.artifact has no field "url" (fields: name, size).',
    },
    {
      rule: 'a step without a result is named',
      src: 'steps.deploy.output',
      message: 'Step "deploy" has no result in this run (steps with results: build).',
    },
    {
      rule: 'reading a field of a scalar says what the value is',
      src: 'inputs.env.name',
      message: 'inputs.env is a string, not a map; it has no field "name".',
    },
    {
      rule: 'an unknown name lists the roots',
      src: 'foo == 1',
      message: 'Unknown name "foo"; expressions can read inputs, vars, steps, run.',
    },
  ])('$rule', ({ src, message }) => {
    try {
      evaluateSource(src, ctx)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError)
      expect((error as ExpressionError).message).toBe(message)
      expect((error as ExpressionError).code).toBe('expression_error')
    }
  })

  it('results come back as plain JSON values', () => {
    expect(evaluateSource('steps.build.output.artifact', ctx)).toEqual({ name: 'app.tgz', size: 42 })
    expect(evaluateSource('inputs.count * 2', ctx)).toBe(6)
  })
})

describe('compileExpression', () => {
  it('a syntax error reports a message and range', () => {
    const result = compileExpression('inputs.count > ')
    expect(result).toMatchObject({ ok: false, range: { start: 15, end: 15 } })
  })
  it('a type error is found at compile time', () => {
    expect(compileExpression('1 + "a"')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no such overload/) as unknown,
    })
  })
  it('expressions over the length limit are rejected', () => {
    expect(compileExpression(`${'a'.repeat(5000)} == 1`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/longer than 4096/) as unknown,
    })
  })
  it('compiling the same source twice returns the cached program', () => {
    const first = compileExpression('inputs.env == "x"')
    expect(compileExpression('inputs.env == "x"')).toBe(first)
  })
})

describe('referencedRoots', () => {
  it('finds inputs, vars and steps references with ranges', () => {
    expect(referencedRoots('inputs.a > 1 && vars.b == steps["c"].output')).toEqual([
      { root: 'inputs', name: 'a', range: { start: 0, end: 8 } },
      { root: 'vars', name: 'b', range: { start: 16, end: 22 } },
      { root: 'steps', name: 'c', range: { start: 26, end: 36 } },
    ])
  })
  it('ignores names inside string literals', () => {
    expect(referencedRoots('"steps.x" == inputs.a')).toEqual([
      { root: 'inputs', name: 'a', range: { start: 13, end: 21 } },
    ])
  })
  it('macro variables are not unknown names', () => {
    expect(referencedRoots('inputs.tags.all(t, t.size() > 0)').map((r) => r.root)).toEqual(['inputs'])
  })
  it('item, index and unknown names are reported', () => {
    expect(referencedRoots('item + string(index) + foo').map((r) => [r.root, r.name])).toEqual([
      ['item', undefined],
      ['index', undefined],
      ['unknown', 'foo'],
    ])
  })
})

import { describe, expect, it } from 'vitest'
import type { ExpressionContext } from '../expressions'
import { decideTransform, evaluateTransform } from './transform-output'

const context: ExpressionContext = {
  inputs: { a: 2, b: 3, name: 'web', hosts: ['h1', 'h2'] },
  vars: { region: 'eu' },
  steps: {
    build: { status: 'succeeded', output: { artifact: { url: 'https://x/a.tgz', size: 10 } }, error: null },
  },
  run: { id: 'run-1', workflowId: 'wf', version: 4, startedAt: '2030-01-01T00:00:00.000Z' },
}

describe('evaluateTransform', () => {
  it('a string that is exactly one {{ expr }} yields the typed value', () => {
    expect(
      evaluateTransform(
        {
          sum: '{{ inputs.a + inputs.b }}',
          ratio: '{{ double(inputs.a) / 4.0 }}',
          big: '{{ inputs.a > 1 }}',
          hosts: '{{ inputs.hosts }}',
          artifact: '{{ steps.build.output.artifact }}',
          nothing: '{{ null }}',
        },
        context,
      ),
    ).toEqual({
      sum: 5,
      ratio: 0.5,
      big: true,
      hosts: ['h1', 'h2'],
      artifact: { url: 'https://x/a.tgz', size: 10 },
      nothing: null,
    })
  })

  it('text around templates makes a string; literals and non-strings are kept as they are', () => {
    expect(
      evaluateTransform(
        {
          label: '{{ inputs.name }}-{{ vars.region }} v{{ run.version }}',
          tag: 'fixed',
          n: 7,
          ok: false,
          none: null,
        },
        context,
      ),
    ).toEqual({ label: 'web-eu v4', tag: 'fixed', n: 7, ok: false, none: null })
  })

  it('renders templates inside nested objects and lists', () => {
    expect(
      evaluateTransform(
        {
          deploy: { where: ['{{ vars.region }}', 'us'], size: '{{ steps.build.output.artifact.size * 2 }}' },
        },
        context,
      ),
    ).toEqual({ deploy: { where: ['eu', 'us'], size: 20 } })
  })
})

describe('the docs/workflow-format.md transform example', () => {
  it('yields the output the page says it does', () => {
    const docs: ExpressionContext = {
      inputs: { a: 2, b: 5, name: 'web', primary: 'h1' },
      vars: { region: 'eu' },
      steps: {
        build: { status: 'succeeded', output: { artifact: { url: 'https://x/a.tgz' } }, error: null },
      },
      run: context.run,
    }
    const output = {
      sum: '{{ inputs.a + inputs.b }}',
      tag: 'fixed',
      label: '{{ inputs.name }} in {{ vars.region }}',
      deploy: {
        hosts: ['{{ inputs.primary }}', 'backup'],
        artifact: '{{ steps.build.output.artifact.url }}',
      },
    }
    expect(evaluateTransform(output, docs)).toEqual({
      sum: 7,
      tag: 'fixed',
      label: 'web in eu',
      deploy: { hosts: ['h1', 'backup'], artifact: 'https://x/a.tgz' },
    })
  })
})

describe('decideTransform', () => {
  it('succeeds with the computed output', () => {
    expect(decideTransform({ id: 't', output: { sum: '{{ inputs.a + inputs.b }}' } }, context, 1000)).toEqual(
      {
        ok: true,
        output: { sum: 5 },
      },
    )
  })

  it('a missing path fails, not retryable, naming the step, the output path and what exists there', () => {
    const decision = decideTransform(
      { id: 'shape', output: { deep: [{ url: '{{ steps.build.output.artifact.link }}' }] } },
      context,
      1000,
    )
    expect(decision).toMatchObject({ ok: false, error: { code: 'template_error', retryable: false } })
    if (decision.ok) return
    expect(decision.error.message).toContain('Step "shape" could not compute output.deep[0].url')
    expect(decision.error.message).toContain('has no field "link" (fields: url, size)')
  })

  it('a type error in an expression fails the step instead of yielding garbage', () => {
    const decision = decideTransform({ id: 't', output: { x: '{{ inputs.name + 1 }}' } }, context, 1000)
    expect(decision).toMatchObject({ ok: false, error: { code: 'template_error', retryable: false } })
  })

  it('an output larger than the limit fails with output_too_large, not a silent truncation', () => {
    const decision = decideTransform({ id: 'big', output: { text: 'x'.repeat(200) } }, context, 100)
    expect(decision).toMatchObject({ ok: false, error: { code: 'output_too_large', retryable: false } })
    if (decision.ok) return
    expect(decision.error.message).toContain(
      'Step "big" computed an output of 211 bytes, more than the 100-byte limit',
    )
  })
})

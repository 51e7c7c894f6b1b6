// validateWorkflow at the edges of what a document may be: its size, its step count, its nesting,
// and a large chained workflow that must still validate.
import { describe, expect, it } from 'vitest'
import { MAX_DOCUMENT_BYTES } from './limits'
import { validateWorkflow } from './validate-workflow'
import { cmd, doc, issuesOf } from './validate-workflow-test-kit'

describe('validateWorkflow limits', () => {
  it('a document over the size limit is refused', () => {
    const big = doc([cmd('a', { params: { blob: 'x'.repeat(MAX_DOCUMENT_BYTES) } })])
    expect(issuesOf(big)).toEqual([expect.objectContaining({ code: 'document_too_large' })])
  })

  it('more than MAX_STEPS steps is a schema error', () => {
    const steps = Array.from({ length: 2001 }, (_, i) => cmd(`s${i}`))
    expect(issuesOf(doc(steps))).toContainEqual(
      expect.objectContaining({
        code: 'schema_error',
        path: ['steps'],
        message: expect.stringContaining('at most 2000') as unknown,
      }),
    )
  })

  it('a step whose worst case exceeds the workflow timeout is a warning', () => {
    const result = validateWorkflow(
      doc([cmd('a', { timeout: '1m', retryPolicy: { maxAttempts: 3, initialDelay: '10s', jitter: 0 } })], {
        timeout: '2m',
      }),
    )
    expect(result.ok).toBe(true)
    expect(
      issuesOf(
        doc([cmd('a', { timeout: '1m', retryPolicy: { maxAttempts: 3, initialDelay: '10s' } })], {
          timeout: '2m',
        }),
      ),
    ).toEqual([
      expect.objectContaining({
        code: 'timeout_exceeds_workflow',
        severity: 'warning',
        stepId: 'a',
        message: expect.stringContaining('3m30s (3 attempts × 1m + 30s backoff)') as unknown,
      }) as unknown,
    ])
  })

  it('a document nested 5,000 deep or holding a lone surrogate is refused naming the path', () => {
    let deep: unknown = 1
    for (let i = 0; i < 5000; i++) deep = { a: deep }
    const tooDeep = issuesOf(doc([cmd('a', { params: { x: deep } })]))
    expect(tooDeep.map((i) => i.code)).toEqual(['too_deeply_nested'])
    expect(tooDeep[0]?.path.slice(0, 5)).toEqual(['steps', 0, 'params', 'x', 'a'])
    const lone = issuesOf(doc([cmd('a', { params: { x: 'a\ud800' } })]))
    expect(lone).toMatchObject([{ code: 'invalid_character', path: ['steps', 0, 'params', 'x'] }])
  })

  // Its speed is a budget in bench/validate-workflow.bench.ts, not a wall-clock assertion here.
  it('a 1,000-step chained workflow with templates validates', () => {
    const steps = Array.from({ length: 1000 }, (_, i) =>
      cmd(`s${i}`, {
        dependencies: i > 0 ? [`s${i - 1}`] : [],
        params: { m: i > 0 ? `{{ steps.s${i - 1}.output }} {{ inputs.env }}` : 'start' },
      }),
    )
    const input = doc(steps, { inputs: { type: 'object', properties: { env: { type: 'string' } } } })
    const result = validateWorkflow(input)
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.workflow.steps).toHaveLength(1000)
  })
})

// A secret may only be used whole (issue 16, finding 4): anything computed from it would reach a
// run's output in a form masking cannot recognise, so validation refuses it, naming step and path.
import { describe, expect, it } from 'vitest'
import { validateWorkflow } from './validate-workflow'

const withParams = (params: Record<string, unknown>) => ({
  name: 'Secrets',
  steps: [{ id: 'call', name: 'call', type: 'command', action: 'echo', params }],
})

describe('secrets are used whole', () => {
  it.each([
    '{{ secrets.TOKEN }}',
    'Bearer {{ secrets.TOKEN }}',
    '{{secrets.TOKEN}} and {{ secrets.OTHER }}',
    '{{ secrets["TOKEN"] }}',
  ])('accepts %s', (value) => {
    expect(validateWorkflow(withParams({ header: value })).ok).toBe(true)
  })

  it.each([
    '{{ secrets.TOKEN.lowerAscii() }}',
    '{{ secrets.TOKEN.substring(1) }}',
    '{{ secrets.TOKEN.split("") }}',
    '{{ secrets.TOKEN + "x" }}',
    '{{ size(secrets.TOKEN) }}',
    '{{ secrets.TOKEN == "abc" }}',
    'x {{ secrets.TOKEN.upperAscii() }} y',
  ])('refuses %s, naming the step and the path', (value) => {
    const result = validateWorkflow(withParams({ nested: { header: value } }))
    expect(result.ok).toBe(false)
    if (result.ok) return
    const found = result.issues.filter((i) => i.code === 'secret_not_allowed')
    expect(found.length, JSON.stringify(result.issues)).toBeGreaterThan(0)
    expect(found[0]).toMatchObject({ stepId: 'call', path: ['steps', 0, 'params', 'nested', 'header'] })
    expect(found[0]?.message).toContain('Step "call"')
    expect(found[0]?.message).toContain('whole')
  })
})

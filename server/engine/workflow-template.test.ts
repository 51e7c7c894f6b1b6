import { describe, expect, it } from 'vitest'
import { builtinTemplates } from '@/server/templates/builtin-templates'
import { instantiateTemplate, validateTemplate, type TWorkflowTemplate } from './workflow-template'

const template: TWorkflowTemplate = {
  name: 'Probe',
  variables: [
    { name: 'url', type: 'string', required: true },
    { name: 'attempts', type: 'integer', default: 3 },
    { name: 'tags', type: 'string[]', default: ['web'] },
    { name: 'verbose', type: 'boolean' },
  ],
  workflow: {
    name: 'Probe [[ url ]]',
    steps: [
      {
        id: 'probe',
        type: 'command',
        name: 'Probe',
        action: 'http.request',
        params: { url: '[[ url ]]', verbose: '[[verbose]]', note: 'tags: [[ tags ]]', run: '{{ run.id }}' },
        target: { selector: { tags: '[[ tags ]]' } },
        retryPolicy: { maxAttempts: '[[ attempts ]]' },
      },
    ],
  },
}

describe('instantiateTemplate', () => {
  it('a whole-string placeholder takes the typed value; others interpolate; defaults apply', () => {
    const result = instantiateTemplate(template, { url: 'https://x.test' })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const step = result.workflow.steps[0]
    expect(result.workflow.name).toBe('Probe https://x.test')
    expect(step).toMatchObject({
      params: { url: 'https://x.test', verbose: false, note: 'tags: web', run: '{{ run.id }}' },
      target: { selector: { tags: ['web'] } },
      retryPolicy: { maxAttempts: 3 },
    })
  })

  it('the name override replaces the workflow name', () => {
    const result = instantiateTemplate(template, { url: 'https://x.test' }, { name: 'Mine' })
    expect(result.ok && result.workflow.name).toBe('Mine')
  })

  it.each([
    {
      rule: 'a required variable must be given',
      values: {},
      path: ['variables', 'url'],
      message: /required/,
    },
    {
      rule: 'values must match the declared type',
      values: { url: 'u', attempts: '3' },
      path: ['variables', 'attempts'],
      message: /must be an integer/,
    },
    {
      rule: 'string[] values must be lists of strings',
      values: { url: 'u', tags: ['a', 1] },
      path: ['variables', 'tags'],
      message: /string\[\]/,
    },
    {
      rule: 'unknown variables are rejected',
      values: { url: 'u', colour: 'red' },
      path: ['variables', 'colour'],
      message: /Unknown template variable/,
    },
  ])('$rule', ({ values, path, message }) => {
    const result = instantiateTemplate(template, values)
    expect(result.ok).toBe(false)
    expect(result.ok ? [] : result.issues).toContainEqual(
      expect.objectContaining({
        code: 'invalid_template_variable',
        path,
        message: expect.stringMatching(message) as unknown,
      }),
    )
  })

  it('unknown placeholders are reported with their path and range', () => {
    const result = instantiateTemplate(
      { ...template, workflow: { ...template.workflow, description: 'by [[ owner ]]' } },
      { url: 'u' },
    )
    expect(result.ok ? [] : result.issues).toEqual([
      expect.objectContaining({
        code: 'unknown_placeholder',
        path: ['workflow', 'description'],
        range: { start: 3, end: 14 },
      }),
    ])
  })

  it('the instantiated workflow is validated', () => {
    const result = instantiateTemplate(template, { url: 'https://x.test', attempts: 0 })
    expect(result.ok ? [] : result.issues).toContainEqual(
      expect.objectContaining({ code: 'schema_error', path: ['steps', 0, 'retryPolicy', 'maxAttempts'] }),
    )
  })
})

describe('validateTemplate', () => {
  it('a valid template passes with samples for variables without defaults', () => {
    expect(validateTemplate(template)).toMatchObject({ ok: true })
  })
  it.each([
    {
      rule: 'a default must match its type',
      variables: [{ name: 'url', type: 'integer', default: 'x' }],
      message: /default of "url"/,
    },
    {
      rule: 'variable names are unique',
      variables: [
        { name: 'url', type: 'string' },
        { name: 'url', type: 'string' },
      ],
      message: /declared twice/,
    },
  ])('$rule', ({ variables, message }) => {
    const result = validateTemplate({ ...template, variables })
    expect(result.ok ? [] : result.issues).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(message) as unknown }),
    )
  })
  it('an unused variable is a warning', () => {
    const result = validateTemplate({
      ...template,
      variables: [...template.variables, { name: 'spare', type: 'string' }],
    })
    expect(result).toMatchObject({
      ok: true,
      warnings: [
        expect.objectContaining({
          severity: 'warning',
          message: expect.stringContaining('"spare" is never used') as unknown,
        }) as unknown,
      ],
    })
  })
  it('a template that is not an object with variables is a schema error', () => {
    expect(validateTemplate({ name: 'x' })).toMatchObject({
      ok: false,
      issues: [
        expect.objectContaining({ path: ['variables'] }),
        expect.objectContaining({ path: ['workflow'] }),
      ],
    })
  })
})

describe('built-in templates', () => {
  it('there are three, with unique names', () => {
    expect(new Set(builtinTemplates.map((t) => t.name)).size).toBe(3)
  })
  it.each(builtinTemplates.map((t) => ({ name: t.name, template: t })))(
    '"$name" instantiates to a valid workflow with its defaults',
    ({ template: t }) => {
      const result = instantiateTemplate(t, {})
      expect(result.ok ? [] : result.issues).toEqual([])
      expect(result).toMatchObject({ ok: true, warnings: [] })
      expect(validateTemplate(t)).toEqual({ ok: true, warnings: [] })
    },
  )
  it('the rolling restart substitutes typed numbers into concurrency and tolerance', () => {
    const rolling = builtinTemplates[0]
    if (!rolling) throw new Error('missing template')
    const result = instantiateTemplate(rolling, { batchSize: 5, tag: 'edge' })
    expect(result.ok && result.workflow.steps[0]).toMatchObject({
      type: 'parallel',
      maxConcurrency: 5,
      failureTolerance: { count: 1 },
      target: { selector: { tags: ['edge'] } },
    })
  })
})

import { describe, expect, it } from 'vitest'
import { validateWorkflow } from './validate-workflow'
import { cmd, doc, issuesOf } from './validate-workflow-test-kit'

describe('validateWorkflow accepts', () => {
  it('a minimal workflow, applying defaults', () => {
    const result = validateWorkflow(doc([cmd('a')]))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.workflow.schemaVersion).toBe(1)
    expect(result.workflow.errorHandling).toEqual({ strategy: 'fail-fast' })
    expect(result.workflow.steps[0]?.join).toBe('all')
    expect(result.warnings).toEqual([])
  })

  it('every step type with templates and branches', () => {
    const result = validateWorkflow(
      doc(
        [
          cmd('build', {
            params: { v: '{{ inputs.version }}', r: '{{ vars.region }}' },
            target: { selector: { tags: ['ci'] }, strategy: 'round-robin' },
          }),
          {
            id: 'check',
            type: 'condition',
            name: 'Check',
            expression: 'steps.build.output.code == 0',
            dependencies: ['build'],
          },
          {
            id: 'fan',
            type: 'parallel',
            name: 'Fan',
            action: 'echo',
            over: 'items',
            items: '{{ inputs.hosts }}',
            params: { host: '{{ item }}', i: '{{ index }}' },
            dependencies: [{ step: 'check', on: 'true' }],
          },
          {
            id: 'approve',
            type: 'wait',
            name: 'Approve',
            wait: { kind: 'signal', signal: 'approval', prompt: 'Ship {{ inputs.version }}?' },
            dependencies: ['fan'],
          },
          {
            id: 'alert',
            type: 'webhook',
            name: 'Alert',
            request: { method: 'POST', url: 'https://h.example/{{ inputs.version }}' },
            dependencies: [
              { step: 'check', on: 'false' },
              { step: 'build', on: 'failure' },
            ],
            join: 'any',
          },
          cmd('done', {
            dependencies: ['approve', 'alert'],
            variables: { note: 'x' },
            params: { note: '{{ vars.note }}' },
          }),
        ],
        {
          inputs: { type: 'object', properties: { version: { type: 'string' }, hosts: { type: 'array' } } },
          variables: { region: 'eu' },
        },
      ),
    )
    expect(result).toMatchObject({ ok: true, warnings: [] })
  })
})

describe('validateWorkflow reports', () => {
  it.each([
    {
      rule: 'a missing field is named',
      input: doc([{ id: 'a', type: 'command', name: 'A' }]),
      code: 'schema_error',
      path: ['steps', 0, 'action'],
      message: 'Step "a" field action is required (a string).',
    },
    {
      rule: 'an out-of-range number names the field and limit',
      input: doc([cmd('a', { retryPolicy: { maxAttempts: 500 } })]),
      code: 'schema_error',
      path: ['steps', 0, 'retryPolicy', 'maxAttempts'],
      message: 'Step "a" field retryPolicy.maxAttempts must be at most 100, got number 500.',
    },
    {
      rule: 'an unknown step type lists the valid types',
      input: doc([{ id: 'a', type: 'script', name: 'A' }]),
      code: 'unknown_step_type',
      path: ['steps', 0, 'type'],
      message:
        'Step "a" has unknown type "script"; valid types are: command, condition, parallel, wait, webhook, transform, workflow, fail.',
    },
    {
      rule: 'an unknown field is reported so typos surface',
      input: doc([cmd('a', { dependecies: ['b'] })]),
      code: 'schema_error',
      path: ['steps', 0],
      message: expect.stringContaining('unknown field "dependecies"') as unknown,
    },
    {
      rule: 'a step id must be an identifier',
      input: doc([cmd('my-step')]),
      code: 'schema_error',
      path: ['steps', 0, 'id'],
      message: expect.stringContaining('must start with a letter') as unknown,
    },
    {
      rule: 'an invalid duration is its own code',
      input: doc([cmd('a', { timeout: '5 minutes' })]),
      code: 'invalid_duration',
      path: ['steps', 0, 'timeout'],
      message: expect.stringContaining('must be a duration such as') as unknown,
    },
    {
      rule: 'an invalid placement timeout is an invalid duration too',
      input: doc([cmd('a', { placementTimeout: 'soon' })]),
      code: 'invalid_duration',
      path: ['steps', 0, 'placementTimeout'],
      message: expect.stringContaining('field placementTimeout must be a duration') as unknown,
    },
    {
      rule: 'duplicate step ids are reported on the second',
      input: doc([cmd('a'), cmd('a')]),
      code: 'duplicate_step_id',
      path: ['steps', 1, 'id'],
      message: expect.stringContaining('already used by steps[0]') as unknown,
    },
    {
      rule: 'a dependency on an unknown step is dangling',
      input: doc([cmd('a', { dependencies: ['ghost'] })]),
      code: 'dangling_reference',
      path: ['steps', 0, 'dependencies', 0],
      message: expect.stringContaining('"ghost", which does not exist') as unknown,
    },
    {
      rule: 'an onFailure to an unknown step is dangling',
      input: doc([cmd('a', { onFailure: ['ghost'] })]),
      code: 'dangling_reference',
      path: ['steps', 0, 'onFailure', 0],
      message: expect.stringContaining('routes to "ghost"') as unknown,
    },
    {
      rule: 'a self dependency is reported',
      input: doc([cmd('a', { dependencies: ['a'] })]),
      code: 'self_dependency',
      path: ['steps', 0, 'dependencies', 0],
      message: expect.stringContaining('depends on itself') as unknown,
    },
    {
      rule: 'a true edge from a command step is an invalid edge kind',
      input: doc([cmd('a'), cmd('b', { dependencies: [{ step: 'a', on: 'true' }] })]),
      code: 'invalid_edge_kind',
      path: ['steps', 1, 'dependencies', 0],
      message: expect.stringContaining('only leave a condition step') as unknown,
    },
    {
      rule: 'a plain success edge from a condition asks for true/false',
      input: doc([
        { id: 'c', type: 'condition', name: 'C', expression: 'true' },
        cmd('b', { dependencies: ['c'] }),
      ]),
      code: 'invalid_edge_kind',
      path: ['steps', 1, 'dependencies', 0],
      message: expect.stringContaining('"on": "true"') as unknown,
    },
    {
      rule: 'success and failure edges between the same steps conflict',
      input: doc([cmd('a', { onFailure: 'b' }), cmd('b', { dependencies: ['a'] })]),
      code: 'conflicting_edge',
      path: ['steps', 1, 'dependencies', 0],
      message: expect.stringContaining('both failure and success') as unknown,
    },
    {
      rule: 'an invalid condition reports the parse error with its range',
      input: doc([{ id: 'c', type: 'condition', name: 'C', expression: 'inputs.x >' }]),
      code: 'invalid_expression',
      path: ['steps', 0, 'expression'],
      message: expect.stringContaining('Invalid expression') as unknown,
    },
    {
      rule: 'a condition that cannot yield a bool is rejected',
      input: doc([{ id: 'c', type: 'condition', name: 'C', expression: '1 + 2' }]),
      code: 'invalid_expression',
      path: ['steps', 0, 'expression'],
      message: expect.stringContaining('yields int') as unknown,
    },
    {
      rule: 'an unterminated template is reported',
      input: doc([cmd('a', { params: { m: 'hi {{ run.id' } })]),
      code: 'unterminated_template',
      path: ['steps', 0, 'params', 'm'],
      message: expect.stringContaining('Unterminated') as unknown,
    },
    {
      rule: 'an invalid template expression is reported',
      input: doc([cmd('a', { params: { m: 'x {{ run.id + }}' } })]),
      code: 'invalid_expression',
      path: ['steps', 0, 'params', 'm'],
      message: expect.stringContaining('In {{ run.id + }}') as unknown,
    },
    {
      rule: 'an undeclared input is reported',
      input: doc([cmd('a', { params: { m: '{{ inputs.nope }}' } })]),
      code: 'unknown_input',
      path: ['steps', 0, 'params', 'm'],
      message: expect.stringContaining('"inputs.nope" is not a declared input') as unknown,
    },
    {
      rule: 'an undefined variable is reported',
      input: doc([cmd('a', { params: { m: '{{ vars.nope }}' } })], { variables: { region: 'eu' } }),
      code: 'unknown_variable',
      path: ['steps', 0, 'params', 'm'],
      message: expect.stringContaining('(variables: region)') as unknown,
    },
    {
      rule: 'a reference to a step that does not exist is reported',
      input: doc([cmd('a', { params: { m: '{{ steps.ghost.output }}' } })]),
      code: 'unknown_step_reference',
      path: ['steps', 0, 'params', 'm'],
      message: expect.stringContaining('steps.ghost') as unknown,
    },
    {
      rule: 'a reference to a step that is not upstream is reported',
      input: doc([cmd('a'), cmd('b', { params: { m: '{{ steps.a.output }}' } })]),
      code: 'step_not_upstream',
      path: ['steps', 1, 'params', 'm'],
      message: expect.stringContaining('not upstream') as unknown,
    },
    {
      rule: 'item outside a parallel items step is reported',
      input: doc([cmd('a', { params: { m: '{{ item }}' } })]),
      code: 'item_outside_parallel',
      path: ['steps', 0, 'params', 'm'],
      message: expect.stringContaining('over: "items"') as unknown,
    },
    {
      rule: 'a parallel step over items needs items',
      input: doc([{ id: 'p', type: 'parallel', name: 'P', action: 'echo', over: 'items' }]),
      code: 'invalid_step_params',
      path: ['steps', 0, 'items'],
      message: expect.stringContaining('needs "items"') as unknown,
    },
    {
      rule: 'a literal webhook URL must be http(s)',
      input: doc([{ id: 'w', type: 'webhook', name: 'W', request: { method: 'POST', url: 'ftp://x' } }]),
      code: 'invalid_step_params',
      path: ['steps', 0, 'request', 'url'],
      message: expect.stringContaining('not an http(s) URL') as unknown,
    },
    {
      rule: 'a literal wait-until must be an ISO timestamp',
      input: doc([{ id: 'w', type: 'wait', name: 'W', wait: { kind: 'until', until: 'tomorrow' } }]),
      code: 'invalid_step_params',
      path: ['steps', 0, 'wait', 'until'],
      message: expect.stringContaining('ISO-8601') as unknown,
    },
    {
      rule: 'no step may follow a fail step (dependency on it)',
      input: doc([
        { id: 'stop', type: 'fail', name: 'Stop', error: { code: 'x', message: 'y' } },
        cmd('after', { dependencies: [{ step: 'stop', on: 'always' }] }),
      ]),
      code: 'invalid_edge_kind',
      path: ['steps', 1, 'dependencies', 0],
      message: expect.stringContaining('Step "stop" is a fail step: it ends the run') as unknown,
    },
    {
      rule: 'no step may follow a fail step (onFailure of the fail step)',
      input: doc([
        { id: 'stop', type: 'fail', name: 'Stop', error: { code: 'x', message: 'y' }, onFailure: 'b' },
        cmd('b'),
      ]),
      code: 'invalid_edge_kind',
      path: ['steps', 0, 'onFailure'],
      message: expect.stringContaining('remove its edge to "b"') as unknown,
    },
    {
      rule: 'a literal fail code must look like an error code',
      input: doc([
        { id: 'stop', type: 'fail', name: 'Stop', error: { code: 'no spaces please', message: 'y' } },
      ]),
      code: 'invalid_step_params',
      path: ['steps', 0, 'error', 'code'],
      message: expect.stringContaining('is not an error code') as unknown,
    },
    {
      rule: 'a fail message template is checked like any template',
      input: doc([
        { id: 'stop', type: 'fail', name: 'Stop', error: { code: 'x', message: '{{ inputs.ghost }}' } },
      ]),
      code: 'unknown_input',
      path: ['steps', 0, 'error', 'message'],
      message: expect.stringContaining('ghost') as unknown,
    },
    {
      rule: 'required inputs must be declared',
      input: doc([cmd('a')], { inputs: { type: 'object', properties: {}, required: ['ghost'] } }),
      code: 'invalid_input_schema',
      path: ['inputs', 'required', 0],
      message: expect.stringContaining('"ghost"') as unknown,
    },
  ])('$rule', ({ input, code, path, message }) => {
    const result = validateWorkflow(input)
    expect(result.ok).toBe(false)
    expect(issuesOf(input)).toContainEqual(
      expect.objectContaining({ code, path, message, severity: 'error' }),
    )
  })

  it('a cycle is reported with its path', () => {
    const issues = issuesOf(
      doc([
        cmd('start'),
        cmd('a', { dependencies: ['start', 'c'] }),
        cmd('b', { dependencies: ['a'] }),
        cmd('c', { dependencies: ['b'] }),
      ]),
    )
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: 'cycle',
        message: expect.stringContaining('a → b → c → a') as unknown,
        stepId: 'a',
      }),
    )
  })

  it('a step only behind a cycle is unreachable', () => {
    const issues = issuesOf(
      doc([
        cmd('start'),
        cmd('a', { dependencies: ['b'] }),
        cmd('b', { dependencies: ['a'] }),
        cmd('after', { dependencies: ['b'] }),
      ]),
    )
    expect(issues.filter((i) => i.code === 'unreachable_step').map((i) => i.stepId)).toEqual(['after'])
  })

  it('template issues carry the character range of the reference', () => {
    const [found] = issuesOf(doc([cmd('a', { params: { m: 'x {{ inputs.nope }}' } })]))
    expect(found?.range).toEqual({ start: 5, end: 16 })
  })

  it('every problem is reported, not the first', () => {
    const issues = issuesOf(
      doc([
        cmd('a', { retryPolicy: { maxAttempts: 0 } }),
        cmd('a'),
        cmd('b', { dependencies: ['ghost'], params: { m: '{{ inputs.x }}' } }),
      ]),
    )
    expect(issues.map((i) => i.code).sort()).toEqual([
      'dangling_reference',
      'duplicate_step_id',
      'schema_error',
      'unknown_input',
    ])
  })
})

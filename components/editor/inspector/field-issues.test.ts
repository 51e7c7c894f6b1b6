import { describe, expect, it } from 'vitest'
import { issue } from '@/server/engine/workflow-issues'
import { issuesAtField } from './field-issues'

const jitter = issue({
  code: 'schema_error',
  message: 'jitter',
  path: ['steps', 2, 'retryPolicy', 'jitter'],
  stepId: 's',
})
const timeout = issue({
  code: 'invalid_duration',
  message: 'timeout',
  path: ['steps', 2, 'timeout'],
  stepId: 's',
})
const workflowJitter = issue({ code: 'schema_error', message: 'wf jitter', path: ['retryPolicy', 'jitter'] })

describe('issues at a field', () => {
  it('a step field finds the problems at its path under the step, without the steps index', () => {
    const context = { issues: [jitter, timeout], scope: 'step' as const }
    expect(issuesAtField(context, ['retryPolicy', 'jitter'])).toEqual([jitter])
    expect(issuesAtField(context, ['timeout'])).toEqual([timeout])
    expect(issuesAtField(context, ['retryPolicy'])).toEqual([jitter])
    expect(issuesAtField(context, ['retryPolicy', 'multiplier'])).toEqual([])
  })

  it('a workflow field reads paths from the document root', () => {
    const context = { issues: [workflowJitter], scope: 'workflow' as const }
    expect(issuesAtField(context, ['retryPolicy', 'jitter'])).toEqual([workflowJitter])
    expect(issuesAtField(context, ['timeout'])).toEqual([])
  })

  it('a field with a shorter path than asked for does not match', () => {
    const whole = issue({ code: 'schema_error', message: 'whole', path: ['steps', 2], stepId: 's' })
    expect(issuesAtField({ issues: [whole], scope: 'step' }, ['timeout'])).toEqual([])
  })
})

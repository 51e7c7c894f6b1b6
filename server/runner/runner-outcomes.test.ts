// How runs end, against a real PostgreSQL and the demo fleet: which failures are handled, what
// `always` and `fail` steps do, step timeouts on waits, and what a rerun keeps (issue 15, section 1).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtinTemplates } from '@/server/templates/builtin-templates'
import { WorkflowError } from '@/server/engine/errors'
import { instantiateTemplate } from '@/server/engine/workflow-template'
import { getWorkflowVersion, updateWorkflow } from '@/server/workflows/workflow-store'
import { rerunExecution } from './run-store'
import { createRunnerHarness, echoStep as echo, startTestRun, waitForRun } from '@/server/testing/runner-test-kit'

const { database, clock } = createRunnerHarness()
const deps = () => ({ db: database.db, clock })
const failing = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  type: 'command',
  action: 'fail',
  params: { retryable: false, code: `${id}_broke`, message: `${id} broke` },
  ...extra,
})
const eventsOf = (run: Awaited<ReturnType<typeof waitForRun>>) =>
  run.events.map((e) => `${e.type}${e.stepId ? `:${e.stepId}` : ''}`)

/** Issue 15's repro: rollback handles deploy's failure only in production. */
const deployWithProdRollback = {
  name: 'Prod rollback',
  inputs: { type: 'object', properties: { env: { type: 'string' } }, required: ['env'] },
  steps: [
    { id: 'is_prod', name: 'is_prod', type: 'condition', expression: "inputs.env == 'prod'" },
    failing('deploy'),
    echo('rollback', {
      dependencies: [
        { step: 'deploy', on: 'failure' },
        { step: 'is_prod', on: 'true' },
      ],
    }),
  ],
}

describe('run outcomes', () => {
  it('a failure whose failure-edge handler was skipped is not handled: the run fails', async () => {
    const { executionId } = await startTestRun(database, clock, deployWithProdRollback, { env: 'staging' })
    const run = await waitForRun(database, executionId)
    expect(run.statuses).toEqual({ is_prod: 'succeeded', deploy: 'failed', rollback: 'skipped' })
    expect(run.execution.status).toBe('failed')
    expect(run.execution.error).toMatchObject({ code: 'step_failed', failedSteps: ['deploy'] })
    expect(run.execution.handledFailures).toBe(0)
  })

  it('a handler that ran handles the failure: the run succeeds and records one handled failure', async () => {
    const { executionId } = await startTestRun(database, clock, deployWithProdRollback, { env: 'prod' })
    const run = await waitForRun(database, executionId)
    expect(run.statuses).toEqual({ is_prod: 'succeeded', deploy: 'failed', rollback: 'succeeded' })
    expect(run.execution.status).toBe('succeeded')
    expect(run.execution.handledFailures).toBe(1)
    expect(run.events.at(-1)).toMatchObject({ type: 'run.succeeded', payload: { handledFailures: 1 } })
  })

  it('an always edge is finally: its step runs after the failure and the run still fails', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Deploy then notify',
      steps: [
        failing('deploy'),
        echo('notify', {
          dependencies: [{ step: 'deploy', on: 'always' }],
          params: { deploy: '{{ steps.deploy.status }}' },
        }),
      ],
    })
    const run = await waitForRun(database, executionId)
    expect(run.statuses).toEqual({ deploy: 'failed', notify: 'succeeded' })
    expect(run.steps.notify?.output).toMatchObject({ deploy: 'failed' })
    expect(run.execution.status).toBe('failed')
    expect(run.execution.error).toMatchObject({ code: 'step_failed', failedSteps: ['deploy'] })
    expect(eventsOf(run).slice(-2)).toEqual(['step.succeeded:notify', 'run.failed'])
  })

  it('a fail step on a handler path ends the run failed with its rendered code and message, never retried', async () => {
    const { executionId } = await startTestRun(
      database,
      clock,
      {
        name: 'Notify and fail',
        inputs: { type: 'object', properties: { env: { type: 'string' } } },
        steps: [
          failing('deploy', { onFailure: 'notify' }),
          echo('notify', { params: { text: 'deploy failed: {{ steps.deploy.error.message }}' } }),
          {
            id: 'stop',
            name: 'stop',
            type: 'fail',
            dependencies: ['notify'],
            retryPolicy: { maxAttempts: 3, initialDelay: '1ms' },
            error: {
              code: 'deploy_failed_{{ inputs.env }}',
              message: 'Deploy to {{ inputs.env }} failed ({{ steps.deploy.error.code }}); the team was told.',
            },
          },
        ],
      },
      { env: 'eu' },
    )
    const run = await waitForRun(database, executionId)
    expect(run.statuses).toEqual({ deploy: 'failed', notify: 'succeeded', stop: 'failed' })
    expect(run.steps.notify?.output).toMatchObject({ text: 'deploy failed: deploy broke' })
    expect(run.steps.stop).toMatchObject({ attempt: 1, error: { code: 'deploy_failed_eu', retryable: false } })
    expect(run.execution.status).toBe('failed')
    expect(run.execution.error).toEqual({
      code: 'deploy_failed_eu',
      message: 'Deploy to eu failed (deploy_broke); the team was told.',
      failedSteps: ['stop'],
      step: 'stop',
    })
    expect(run.execution.handledFailures).toBe(1)
  })

  it('a signal wait fails with timeout at its own step timeout, and the retry policy applies', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Wait with a step timeout',
      steps: [
        {
          id: 'approve',
          name: 'approve',
          type: 'wait',
          wait: { kind: 'signal', signal: 'approval' },
          timeout: '2s',
          retryPolicy: { maxAttempts: 2, backoff: 'fixed', initialDelay: '1s', jitter: 0 },
        },
        echo('ship', { dependencies: ['approve'] }),
      ],
    })
    const parked = await waitForRun(database, executionId, (r) => r.statuses.approve === 'waiting')
    // Parked until the step timeout (there is no wait.timeout), kept in the row so a crash does not restart it.
    expect(parked.steps.approve?.input).toEqual({
      signal: 'approval',
      timeoutAt: parked.steps.approve?.runAt?.toISOString(),
    })
    clock.advance(2000)
    await waitForRun(database, executionId, (r) => eventsOf(r).includes('step.retry_scheduled:approve'))
    clock.advance(1000)
    await waitForRun(database, executionId, (r) => r.statuses.approve === 'waiting' && r.steps.approve?.attempt === 2)
    clock.advance(2000)
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('failed')
    expect(run.statuses).toEqual({ approve: 'failed', ship: 'cancelled' })
    expect(run.steps.approve).toMatchObject({
      attempt: 2,
      error: { code: 'timeout', message: 'Step "approve" did not finish within 2s.', retryable: true },
    })
  })
})

describe('reruns', () => {
  /** Issue 15's repro: a fails into a handler (which fails too, so the run fails), after_always follows a on always. */
  const version = (aFails: boolean, name = 'Rerun redecides') => ({
    name,
    steps: [
      aFails ? failing('a', { onFailure: 'handler' }) : echo('a', { onFailure: 'handler' }),
      failing('handler'),
      echo('after_always', { dependencies: [{ step: 'a', on: 'always' }], params: { a: '{{ steps.a.status }}' } }),
      echo('next', { dependencies: ['a'] }),
    ],
  })

  it('re-decides handlers, always-steps and joins behind a re-executed step', async () => {
    const { executionId, workflowId } = await startTestRun(database, clock, version(true))
    const first = await waitForRun(database, executionId)
    expect(first.statuses).toEqual({ a: 'failed', handler: 'failed', after_always: 'succeeded', next: 'skipped' })
    expect(first.execution.status).toBe('failed')
    const saved = await getWorkflowVersion(database.db, workflowId)
    await updateWorkflow(deps(), { id: workflowId, definition: version(false, saved.definition.name) })

    const rerun = await rerunExecution(deps(), { id: executionId, onVersion: 'current' })
    const second = await waitForRun(database, rerun.executionId)
    expect(second.statuses).toEqual({ a: 'succeeded', handler: 'skipped', after_always: 'succeeded', next: 'succeeded' })
    expect(second.steps.after_always?.output).toMatchObject({ a: 'succeeded' })
    expect(eventsOf(second)).not.toContain('step.kept:after_always')
    expect(second.execution).toMatchObject({ status: 'succeeded', handledFailures: 0 })
  })

  it('a run that succeeded is rerun only from steps named in fromSteps', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Succeeded',
      steps: [echo('a'), echo('b', { dependencies: ['a'] })],
    })
    await waitForRun(database, executionId)
    const refusal = await rerunExecution(deps(), { id: executionId, onVersion: 'original' }).catch((e: unknown) => e)
    expect(refusal).toBeInstanceOf(WorkflowError)
    expect(refusal).toMatchObject({
      code: 'conflict',
      message: `Run ${executionId} succeeded, so there is nothing to rerun; name the steps to run again with fromSteps, or start a new run.`,
    })
    const rerun = await rerunExecution(deps(), { id: executionId, fromSteps: ['b'], onVersion: 'original' })
    const run = await waitForRun(database, rerun.executionId)
    expect(run.execution.status).toBe('succeeded')
    expect(eventsOf(run)).toContain('step.kept:a')
    expect(eventsOf(run)).toContain('step.succeeded:b')
  })
})

describe('the built-in health check', () => {
  const alerts: string[] = []
  let alertServer: Server
  let base = ''
  let closedPort = 0
  beforeAll(async () => {
    alertServer = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        if (req.url === '/alert') alerts.push(body)
        res.writeHead(req.url === '/down' ? 503 : 200).end(req.url === '/down' ? 'down' : 'ok')
      })
    })
    await new Promise<void>((resolve) => alertServer.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(alertServer.address() as AddressInfo).port}`
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    closedPort = (probe.address() as AddressInfo).port
    await new Promise<void>((resolve) => probe.close(() => resolve()))
  })
  afterAll(() => new Promise<void>((resolve) => alertServer.close(() => resolve())))

  const runHealthCheck = async (url: string) => {
    const template = builtinTemplates.find((t) => t.name.startsWith('Health check'))
    if (!template) throw new Error('the health-check template is missing')
    const made = instantiateTemplate(template, { url, deviceTag: 'edge', attempts: 1, alertUrl: `${base}/alert` })
    if (!made.ok) throw new Error(JSON.stringify(made.issues))
    const { executionId } = await startTestRun(database, clock, made.workflow)
    return waitForRun(database, executionId)
  }

  it.each([
    { what: 'refuses connections', path: () => `http://127.0.0.1:${closedPort}/health`, handled: 1 },
    { what: 'answers 503', path: () => `${base}/down`, handled: 0 },
  ])('with its URL down ($what) alerts and fails the run, never a clean success', async ({ path, handled }) => {
    const before = alerts.length
    const run = await runHealthCheck(path())
    expect(run.statuses.alert).toBe('succeeded')
    expect(alerts.length).toBe(before + 1)
    expect(run.execution.status).toBe('failed')
    expect(run.execution.error).toMatchObject({ code: 'health_check_failed' })
    expect(run.execution.handledFailures).toBe(handled)
  })

  it('with its URL up succeeds cleanly without alerting', async () => {
    const before = alerts.length
    const run = await runHealthCheck(`${base}/up`)
    expect(run.execution).toMatchObject({ status: 'succeeded', handledFailures: 0 })
    expect(run.statuses).toMatchObject({ probe: 'succeeded', alert: 'skipped', down: 'skipped' })
    expect(alerts.length).toBe(before)
  })
})

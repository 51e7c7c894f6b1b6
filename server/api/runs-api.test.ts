// The runs API against a real PostgreSQL and a running runner: start with validated inputs,
// read runs and events, refuse bad operations without changing anything, rerun from failed steps.
import { TRPCError } from '@trpc/server'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningRunner } from '@/server/runner/runner'
import {
  createScriptedDriver,
  registerScriptedFleet,
  createTestClock,
  startTestRunner,
  waitForRun,
} from '@/server/testing/runner-test-kit'
import { connectTestDatabase, createTestApi, uniqueName } from '@/server/testing/test-api'

const database = connectTestDatabase()
const clock = createTestClock()
const { api } = createTestApi(database, clock)
const { driver, dispatched } = createScriptedDriver()
let runner: RunningRunner

beforeAll(() => registerScriptedFleet(database))
beforeAll(() => {
  runner = startTestRunner(database, { clock, drivers: { devices: driver } })
})
afterAll(async () => {
  await runner.stop()
  await database.close()
})

async function refused(promise: Promise<unknown>, code: TRPCError['code']) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(TRPCError)
  expect((error as TRPCError).code).toBe(code)
  return error as TRPCError & { cause?: { issues?: { path: (string | number)[] }[] } }
}

async function countExecutions(): Promise<number> {
  const [row] = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM executions`)
  return row?.n ?? 0
}

const flakyWorkflow = (name: string, key: string) => ({
  name,
  inputs: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
  steps: [
    { id: 'build', name: 'Build', type: 'command', action: 'echo', params: { n: '{{ inputs.n }}' } },
    {
      id: 'deploy',
      name: 'Deploy',
      type: 'command',
      action: 'flaky',
      params: { key, failTimes: 1 },
      dependencies: ['build'],
    },
    {
      id: 'verify',
      name: 'Verify',
      type: 'command',
      action: 'echo',
      params: { built: '{{ steps.build.output.n }}' },
      dependencies: ['deploy'],
    },
  ],
})

describe('runs API', () => {
  it('refuses inputs of the wrong type with an issue per field and writes nothing', async () => {
    const saved = await api.workflows.create({ definition: flakyWorkflow(uniqueName('Inputs'), 'x') })
    const before = await countExecutions()
    const error = await refused(
      api.runs.start({ workflowId: saved.workflowId, inputs: { n: 'three', extra: 1 } }),
      'BAD_REQUEST',
    )
    expect(error.cause?.issues?.map((i) => i.path)).toEqual([
      ['inputs', 'n'],
      ['inputs', 'extra'],
    ])
    expect(await countExecutions()).toBe(before)
  })

  it('runs, reports steps and events, and reruns from the failed step keeping earlier outputs', async () => {
    const key = uniqueName('key')
    const saved = await api.workflows.create({ definition: flakyWorkflow(uniqueName('Rerun'), key) })
    const { executionId } = await api.runs.start({ workflowId: saved.workflowId, inputs: { n: 7 } })
    await waitForRun(database, executionId)
    const failed = await api.runs.get({ id: executionId })
    expect(failed.status).toBe('failed')
    expect(failed.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['build', 'succeeded'],
      ['deploy', 'failed'],
      ['verify', 'cancelled'],
    ])
    const listed = await api.runs.list({ workflowId: saved.workflowId })
    expect(listed.items.map((r) => [r.id, r.status])).toEqual([[executionId, 'failed']])
    const events = await api.runs.events({ id: executionId, afterSeq: 2 })
    expect(events.events[0]?.seq).toBe(3)
    expect(events.lastSeq).toBe(failed.lastSeq)

    await refused(api.runs.cancel({ id: executionId }), 'CONFLICT')
    await refused(api.runs.resume({ id: executionId, stepId: 'deploy' }), 'CONFLICT')

    const buildDispatches = () => dispatched.filter((d) => d.action === 'echo' && d.params.n === 7).length
    const before = buildDispatches()
    const rerun = await api.runs.rerun({ id: executionId })
    await waitForRun(database, rerun.executionId)
    const second = await api.runs.get({ id: rerun.executionId })
    expect(second).toMatchObject({ status: 'succeeded', rerunOf: executionId, trigger: 'rerun' })
    expect(second.steps.find((s) => s.stepId === 'build')?.output).toEqual(
      failed.steps.find((s) => s.stepId === 'build')?.output,
    )
    expect(second.steps.find((s) => s.stepId === 'verify')?.output).toMatchObject({ built: 7 })
    expect(buildDispatches()).toBe(before) // the kept step was not run again
    const secondEvents = await api.runs.events({ id: rerun.executionId })
    expect(secondEvents.events.filter((e) => e.type === 'step.kept').map((e) => e.stepId)).toEqual(['build'])
  })

  it('reruns on the current version when asked', async () => {
    const name = uniqueName('Current')
    const saved = await api.workflows.create({
      definition: {
        name,
        steps: [{ id: 'a', name: 'A', type: 'command', action: 'fail', params: { retryable: false } }],
      },
    })
    const { executionId } = await api.runs.start({ workflowId: saved.workflowId })
    await waitForRun(database, executionId)
    await api.workflows.update({
      id: saved.workflowId,
      definition: { name, steps: [{ id: 'a', name: 'A', type: 'command', action: 'echo' }] },
    })
    const original = await api.runs.rerun({ id: executionId, onVersion: 'original' })
    const current = await api.runs.rerun({ id: executionId, onVersion: 'current' })
    expect((await waitForRun(database, original.executionId)).execution).toMatchObject({
      status: 'failed',
      workflowVersion: 1,
    })
    expect((await waitForRun(database, current.executionId)).execution).toMatchObject({
      status: 'succeeded',
      workflowVersion: 2,
    })
  })

  it('resumes a waiting step through the API and refuses unknown runs', async () => {
    const saved = await api.workflows.create({
      definition: {
        name: uniqueName('Approve'),
        steps: [{ id: 'gate', name: 'Gate', type: 'wait', wait: { kind: 'signal', signal: 'approval' } }],
      },
    })
    const { executionId } = await api.runs.start({ workflowId: saved.workflowId })
    await waitForRun(database, executionId, (r) => r.statuses.gate === 'waiting')
    await api.runs.resume({ id: executionId, stepId: 'gate', signal: 'approval', payload: { ok: true } })
    expect((await waitForRun(database, executionId)).steps.gate?.output).toEqual({
      signal: 'approval',
      payload: { ok: true },
    })
    await refused(api.runs.get({ id: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND')
    await refused(api.runs.get({ id: 'nope' }), 'BAD_REQUEST')
  })

  it('cancelling a finished run and resuming a step that is not waiting are refused, changing nothing', async () => {
    const saved = await api.workflows.create({
      definition: { name: uniqueName('Done'), steps: [{ id: 'only', name: 'Only', type: 'command', action: 'echo' }] },
    })
    const { executionId } = await api.runs.start({ workflowId: saved.workflowId })
    const finished = await waitForRun(database, executionId)
    expect(finished.execution.status).toBe('succeeded')
    const cancel = await refused(api.runs.cancel({ id: executionId }), 'CONFLICT')
    expect(cancel.message).toContain('already ended (succeeded)')
    const resume = await refused(api.runs.resume({ id: executionId, stepId: 'only' }), 'CONFLICT')
    expect(resume.message).toContain('not waiting')
    const before = await countExecutions()
    const rerun = await refused(api.runs.rerun({ id: executionId }), 'CONFLICT')
    expect(rerun.message).toContain('succeeded, so there is nothing to rerun; name the steps to run again with fromSteps')
    expect(await countExecutions()).toBe(before)
    const after = await waitForRun(database, executionId)
    expect(after.execution.status).toBe('succeeded')
    expect(after.events).toHaveLength(finished.events.length)
  })

  it('a run that succeeded through a failure handler says how many failures it handled', async () => {
    const saved = await api.workflows.create({
      definition: {
        name: uniqueName('Handled'),
        steps: [
          { id: 'deploy', name: 'Deploy', type: 'command', action: 'fail', params: { retryable: false }, onFailure: 'rollback' },
          { id: 'rollback', name: 'Roll back', type: 'command', action: 'echo' },
        ],
      },
    })
    const clean = await api.workflows.create({
      definition: { name: uniqueName('Clean'), steps: [{ id: 'only', name: 'Only', type: 'command', action: 'echo' }] },
    })
    const handled = await api.runs.start({ workflowId: saved.workflowId })
    const plain = await api.runs.start({ workflowId: clean.workflowId })
    await waitForRun(database, handled.executionId)
    await waitForRun(database, plain.executionId)
    expect(await api.runs.get({ id: handled.executionId })).toMatchObject({ status: 'succeeded', handledFailures: 1 })
    expect(await api.runs.get({ id: plain.executionId })).toMatchObject({ status: 'succeeded', handledFailures: 0 })
    const page = await api.runs.page({ workflowId: saved.workflowId })
    expect(page.items.map((r) => [r.status, r.handledFailures])).toEqual([['succeeded', 1]])
    const listed = await api.runs.list({ workflowId: saved.workflowId })
    expect(listed.items.map((r) => r.handledFailures)).toEqual([1])
  })
})

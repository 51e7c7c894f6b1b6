// `workflow` steps against a real PostgreSQL: a child run per call, its outputs as the step's
// output, failures and cancellation carried across, version pinning, and the save-time checks.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { executions } from '@/db/schema'
import { MAX_CALL_DEPTH } from '@/server/engine/limits'
import { createTestApi } from '@/server/testing/test-api'
import { createWorkflow, updateWorkflow } from '@/server/workflows/workflow-store'
import { cancelRun, startRun } from './run-store'
import { createRunnerHarness, echoStep as echo, loadRun, waitForRun } from '@/server/testing/runner-test-kit'

const { database, clock } = createRunnerHarness()
const deps = { db: database.db, clock }
const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`

async function save(definition: Record<string, unknown>) {
  const saved = await createWorkflow(deps, { definition: { ...definition, name: `${String(definition.name)} ${unique()}` } })
  return saved.workflowId
}

const call = (id: string, workflowId: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  type: 'workflow',
  workflow: { id: workflowId },
  ...extra,
})

async function childOf(executionId: string, stepId: string) {
  const [child] = await database.db.select().from(executions).where(eq(executions.parentExecutionId, executionId))
  expect(child?.parentStepId).toBe(stepId)
  if (!child) throw new Error('no child run')
  return child
}

const doubler = {
  name: 'Doubler',
  inputs: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
  steps: [echo('say', { params: { twice: '{{ inputs.n * 2 }}' } })],
  outputs: { doubled: 'steps.say.output.twice', original: 'inputs.n' },
}

describe('workflow steps', () => {
  it('a child run gets the rendered inputs, and its outputs become the step output', async () => {
    const childId = await save(doubler)
    const parentId = await save({
      name: 'Parent',
      inputs: { type: 'object', properties: { n: { type: 'integer' } } },
      steps: [
        call('double', childId, { inputs: { n: '{{ inputs.n + 1 }}' } }),
        echo('after', { dependencies: ['double'], params: { got: '{{ steps.double.output.doubled }}' } }),
      ],
      outputs: { result: 'steps.double.output.doubled' },
    })
    const { executionId } = await startRun(deps, { workflowId: parentId, inputs: { n: 20 } })
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('succeeded')
    expect(run.steps.double?.output).toEqual({ doubled: 42, original: 21 })
    expect(run.steps.after?.output).toMatchObject({ got: 42 })
    expect(run.execution.outputs).toEqual({ result: 42 })
    const child = await childOf(executionId, 'double')
    expect(child).toMatchObject({ status: 'succeeded', trigger: 'workflow', callDepth: 1, inputs: { n: 21 } })
    const { api } = createTestApi(database, clock)
    const parentView = await api.runs.get({ id: executionId })
    expect(parentView.outputs).toEqual({ result: 42 })
    expect(parentView.children).toEqual([{ runId: child.id, stepId: 'double', status: 'succeeded' }])
    const childView = await api.runs.get({ id: child.id })
    expect(childView).toMatchObject({ parent: { runId: executionId, stepId: 'double' }, outputs: { doubled: 42, original: 21 } })
  })

  it('inputs that do not fit the child workflow fail the step, naming the input', async () => {
    const childId = await save(doubler)
    const parentId = await save({ name: 'Bad inputs', steps: [call('double', childId, { inputs: { n: 'many' } })] })
    const { executionId } = await startRun(deps, { workflowId: parentId })
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('failed')
    expect(run.steps.double?.error).toMatchObject({ code: 'invalid_child_inputs' })
    expect((run.steps.double?.error as { message: string }).message).toMatch(/Input "n" must be an integer/)
  })

  it("a failed child fails the step with child_failed and the child's code in the message", async () => {
    const childId = await save({
      name: 'Failing child',
      steps: [{ id: 'stop', name: 'stop', type: 'fail', error: { code: 'disk_full', message: 'No space left.' } }],
    })
    const parentId = await save({ name: 'Parent of failing', steps: [call('run_child', childId)] })
    const { executionId } = await startRun(deps, { workflowId: parentId })
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('failed')
    expect(run.steps.run_child?.error).toMatchObject({ code: 'child_failed' })
    expect((run.steps.run_child?.error as { message: string }).message).toMatch(/\[disk_full\] No space left/)
  })

  it('cancelling the parent cancels the child and the child of the child', async () => {
    const leafId = await save({
      name: 'Leaf waits',
      steps: [{ id: 'hold', name: 'hold', type: 'wait', wait: { kind: 'signal', signal: 'go' } }],
    })
    const middleId = await save({ name: 'Middle', steps: [call('leaf', leafId)] })
    const topId = await save({ name: 'Top', steps: [call('middle', middleId)] })
    const { executionId } = await startRun(deps, { workflowId: topId })
    await waitForRun(database, executionId, (r) => r.statuses.middle === 'waiting')
    const middle = await childOf(executionId, 'middle')
    await waitForRun(database, middle.id, (r) => r.statuses.leaf === 'waiting')
    const leaf = await childOf(middle.id, 'leaf')
    await waitForRun(database, leaf.id, (r) => r.statuses.hold === 'waiting')
    await cancelRun(deps, executionId)
    expect((await loadRun(database, executionId)).execution.status).toBe('cancelled')
    const [middleRun, leafRun] = [await loadRun(database, middle.id), await loadRun(database, leaf.id)]
    expect(middleRun.execution).toMatchObject({ status: 'cancelled', error: { code: 'parent_stopped' } })
    expect(leafRun.execution).toMatchObject({ status: 'cancelled', error: { code: 'parent_stopped' } })
    expect(leafRun.statuses.hold).toBe('cancelled')
  })

  it('a pinned version runs that version; "latest" runs the newest', async () => {
    const childId = await save({ name: 'Versioned', steps: [echo('say')], outputs: { v: '1' } })
    const saved = await updateWorkflow(deps, {
      id: childId,
      definition: { name: `Versioned ${unique()}`, steps: [echo('say')], outputs: { v: '2' } },
    })
    expect(saved.version).toBe(2)
    const parentId = await save({
      name: 'Pinning',
      steps: [call('pinned', childId, { workflow: { id: childId, version: 1 } }), call('latest', childId)],
    })
    const { executionId } = await startRun(deps, { workflowId: parentId })
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('succeeded')
    expect(run.steps.pinned?.output).toEqual({ v: 1 })
    expect(run.steps.latest?.output).toEqual({ v: 2 })
  })

  it('an output expression that fails ends the run failed with outputs_failed', async () => {
    const id = await save({ name: 'Bad output', steps: [echo('say')], outputs: { missing: 'steps.say.output.nothing' } })
    const { executionId } = await startRun(deps, { workflowId: id })
    const run = await waitForRun(database, executionId)
    expect(run.execution).toMatchObject({ status: 'failed', error: { code: 'outputs_failed' } })
    expect(run.events.at(-1)?.type).toBe('run.failed')
  })
})

describe('placement pre-flight', () => {
  it("refuses a run at start when a child workflow's step has no device, naming the path", async () => {
    const tag = `nowhere-${unique()}`
    const childId = await save({
      name: 'Unplaceable child',
      steps: [{ id: 'disk', name: 'disk', type: 'command', action: 'check.disk', target: { selector: { tags: [tag] } } }],
    })
    const middleId = await save({ name: 'Middle of unplaceable', steps: [call('inner', childId)] })
    const parentId = await save({ name: 'Parent of unplaceable', steps: [call('outer', middleId)] })
    const { api } = createTestApi(database, clock)
    const before = await database.db.select().from(executions).where(eq(executions.workflowId, parentId))
    await expect(api.runs.start({ workflowId: parentId })).rejects.toThrow(/step "outer › inner › disk"/)
    const after = await database.db.select().from(executions).where(eq(executions.workflowId, parentId))
    expect(after).toHaveLength(before.length)
  })
})

describe('workflow call checks at save', () => {
  it('refuses a cycle of calls, naming the step and the cycle', async () => {
    const a = await save({ name: 'Cycle A', steps: [echo('say')] })
    const b = await save({ name: 'Cycle B', steps: [call('to_a', a)] })
    const c = await save({ name: 'Cycle C', steps: [call('to_b', b)] })
    const attempt = updateWorkflow(deps, { id: a, definition: { name: `Cycle A ${unique()}`, steps: [call('to_c', c)] } })
    await expect(attempt).rejects.toMatchObject({ code: 'invalid_workflow' })
    await expect(attempt).rejects.toThrow(/Step "to_c" forms a cycle of workflow calls: Cycle A .* → Cycle C .* → Cycle B .* → Cycle A/)
    const self = updateWorkflow(deps, { id: a, definition: { name: `Cycle A ${unique()}`, steps: [call('me', a)] } })
    await expect(self).rejects.toThrow(/Step "me" calls this workflow itself/)
  })

  it('refuses a chain deeper than the limit at save, and a run that gets deeper fails at the limit', async () => {
    const leaf = await save({ name: 'Depth leaf', steps: [echo('say')] })
    let next = leaf
    for (let i = 0; i < MAX_CALL_DEPTH; i++) next = await save({ name: `Depth ${i}`, steps: [call('down', next)] })
    await expect(save({ name: 'Too deep', steps: [call('down', next)] })).rejects.toThrow(
      new RegExp(`chain of more than ${MAX_CALL_DEPTH} nested workflow calls`),
    )
    // The leaf starts calling another workflow later: its own save is fine, the old chain is now too deep.
    const extra = await save({ name: 'Depth extra', steps: [echo('say')] })
    await updateWorkflow(deps, { id: leaf, definition: { name: `Depth leaf ${unique()}`, steps: [call('down', extra)] } })
    const { executionId } = await startRun(deps, { workflowId: next })
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('failed')
    let current = executionId
    for (let depth = 1; depth <= MAX_CALL_DEPTH; depth++) current = (await childOf(current, 'down')).id
    const deepest = await loadRun(database, current)
    expect(deepest.execution.callDepth).toBe(MAX_CALL_DEPTH)
    expect(deepest.steps.down?.error).toMatchObject({ code: 'call_depth_exceeded' })
  })
})

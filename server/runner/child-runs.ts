// Starting the child run of a `workflow` step (child-call.ts holds the start request and the
// step's result once the child ended). The executor renders the inputs and asks to park the step
// with a start request; the transaction that applies that result (which holds the parent's lock
// and checks its lease) creates the child and parks the step pointing at it. Creation and parking
// commit together, so a runner crash can neither lose nor duplicate the child: a lost lease
// discards the whole result, child included.
import { sql } from 'drizzle-orm'
import { WorkflowError } from '@/server/engine/errors'
import { validateRunInputs } from '@/server/engine/input-schema'
import { MAX_CALL_DEPTH } from '@/server/engine/limits'
import { getWorkflowVersion } from '@/server/workflows/workflow-versions'
import { childOutcome, type ChildStart } from './child-call'
import type { ChildEnd, ChildLink } from './child-run-links'
import type { LockedExecution } from './execution-state'
import type { StepResult } from './executors/step-executor'
import { createExecution } from './execution-creation'
import { rows, type Tx } from '@/server/platform/sql-helpers'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function refused(code: string, message: string): StepResult {
  return { kind: 'failed', error: { code, message, retryable: false } }
}

/**
 * Turns a start request into a started child run and a parked step, or into the step's failure
 * (unknown workflow, inputs that do not fit, nesting too deep). A child that ended in its creating
 * transaction (only in-process steps) finishes the step at once.
 */
export async function startChildRun(
  tx: Tx,
  parent: LockedExecution,
  stepId: string,
  request: ChildStart,
  now: Date,
): Promise<StepResult> {
  const { workflowId, version, inputs } = request.start
  const [depthRow] = await rows<{ call_depth: number }>(
    tx,
    sql`SELECT call_depth FROM executions WHERE id = ${parent.id}`,
  )
  const depth = (depthRow?.call_depth ?? 0) + 1
  if (depth > MAX_CALL_DEPTH)
    return refused('call_depth_exceeded', `Step "${stepId}" would nest runs ${depth} deep; the limit is ${MAX_CALL_DEPTH}.`)
  if (!UUID.test(workflowId)) return refused('child_workflow_not_found', `Workflow "${workflowId}" does not exist.`)
  let found: Awaited<ReturnType<typeof getWorkflowVersion>>
  try {
    found = await getWorkflowVersion(tx, workflowId, version === 'latest' ? undefined : version)
  } catch (error) {
    if (error instanceof WorkflowError && error.code === 'not_found')
      return refused('child_workflow_not_found', error.message)
    throw error
  }
  const checked = validateRunInputs(found.definition.inputs, inputs)
  if (!checked.ok) {
    const problems = checked.issues.map((i) => i.message).join(' ')
    return refused('invalid_child_inputs', `The inputs of "${found.definition.name}" do not fit: ${problems}`)
  }
  const childId = await createExecution(tx, now, {
    definition: found.definition,
    workflowId,
    version: found.version,
    inputs: checked.values,
    trigger: 'workflow',
    parent: { executionId: parent.id, stepId, depth },
  })
  const link: ChildLink = {
    child: { executionId: childId, workflowId, version: found.version },
    ...(request.timeoutAt ? { timeoutAt: request.timeoutAt } : {}),
  }
  const ended = await endedChild(tx, childId)
  if (ended) return childOutcome({ ...link, ended })
  return { kind: 'waiting', runAt: request.timeoutAt ? new Date(request.timeoutAt) : null, input: { ...link } }
}

async function endedChild(tx: Tx, childId: string): Promise<ChildEnd | undefined> {
  const [row] = await rows<ChildEnd>(
    tx,
    sql`SELECT status, error, outputs FROM executions WHERE id = ${childId}
        AND status IN ('succeeded', 'failed', 'cancelled', 'timed_out')`,
  )
  return row
}

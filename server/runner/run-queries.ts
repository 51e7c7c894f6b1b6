// Read side of runs for the API: one run with its steps and its event stream (lists: run-list.ts).
import { and, asc, eq, gt } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { executionEvents, executions, stepExecutions } from '@/db/schema'
import { WorkflowError } from '@/server/engine/errors'
import type { ExecutionStatus, StepStatus } from '@/server/engine/run/run-status'
import type { TWorkflowDefinition } from '@/server/engine/workflow-schema'
import type { RunKind } from '@/server/platform/run-kind'

export async function getRun(db: Db, id: string) {
  const [execution] = await db.select().from(executions).where(eq(executions.id, id))
  if (!execution) throw new WorkflowError('not_found', `Run ${id} does not exist.`)
  const steps = await db.select().from(stepExecutions).where(eq(stepExecutions.executionId, id))
  const order = new Map((execution.definition as TWorkflowDefinition).steps.map((s, i) => [s.id, i]))
  steps.sort((a, b) => (order.get(a.stepId) ?? 0) - (order.get(b.stepId) ?? 0))
  const children = await db
    .select({ runId: executions.id, stepId: executions.parentStepId, status: executions.status })
    .from(executions)
    .where(eq(executions.parentExecutionId, id))
    .orderBy(asc(executions.createdAt), asc(executions.id))
  return {
    id: execution.id,
    workflowId: execution.workflowId,
    workflowVersion: execution.workflowVersion,
    status: execution.status as ExecutionStatus,
    trigger: execution.trigger,
    kind: execution.kind as RunKind,
    inputs: execution.inputs as Record<string, unknown>,
    error: execution.error,
    handledFailures: execution.handledFailures,
    rerunOf: execution.rerunOf,
    outputs: (execution.outputs ?? null) as Record<string, unknown> | null,
    parent:
      execution.parentExecutionId && execution.parentStepId
        ? { runId: execution.parentExecutionId, stepId: execution.parentStepId }
        : null,
    children: children.map((c) => ({ runId: c.runId, stepId: c.stepId ?? '', status: c.status as ExecutionStatus })),
    lastSeq: execution.lastSeq,
    createdAt: execution.createdAt,
    startedAt: execution.startedAt,
    finishedAt: execution.finishedAt,
    deadlineAt: execution.deadlineAt,
    definition: execution.definition as TWorkflowDefinition,
    steps: steps.map((s) => ({
      stepId: s.stepId,
      status: s.status as StepStatus,
      attempt: s.attempt,
      interruptions: s.interruptions,
      runAt: s.runAt,
      leaseOwner: s.leaseOwner,
      input: s.input,
      output: s.output,
      error: s.error,
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
    })),
  }
}

export async function listRunEvents(db: Db, input: { id: string; afterSeq: number; limit: number }) {
  const [execution] = await db
    .select({ id: executions.id, lastSeq: executions.lastSeq, status: executions.status })
    .from(executions)
    .where(eq(executions.id, input.id))
  if (!execution) throw new WorkflowError('not_found', `Run ${input.id} does not exist.`)
  const events = await db
    .select({
      seq: executionEvents.seq,
      type: executionEvents.type,
      stepId: executionEvents.stepId,
      payload: executionEvents.payload,
      createdAt: executionEvents.createdAt,
    })
    .from(executionEvents)
    .where(and(eq(executionEvents.executionId, input.id), gt(executionEvents.seq, input.afterSeq)))
    .orderBy(asc(executionEvents.seq))
    .limit(input.limit)
  return { events, lastSeq: execution.lastSeq, status: execution.status as ExecutionStatus }
}

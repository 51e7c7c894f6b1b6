// Read side of runs for the API: one run with its steps, run lists and the event stream.
import { and, asc, count, desc, eq, gt, sql, type SQL } from 'drizzle-orm'
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

export async function listRuns(
  db: Db,
  input: {
    workflowId?: string | undefined
    status?: ExecutionStatus | undefined
    /** Test runs (one step tested from the editor) are left out unless asked for. */
    includeTests?: boolean | undefined
    page: number
    pageSize: number
  },
) {
  const filters: SQL[] = []
  if (input.workflowId) filters.push(eq(executions.workflowId, input.workflowId))
  if (input.status) filters.push(eq(executions.status, input.status))
  if (!input.includeTests) filters.push(eq(executions.kind, 'run'))
  const where = filters.length > 0 ? and(...filters) : undefined
  const items = await db
    .select({
      id: executions.id,
      workflowId: executions.workflowId,
      workflowVersion: executions.workflowVersion,
      /** The name in the run's own copy of the definition: right even after renames and deletes. */
      workflowName: sql<string>`coalesce(${executions.definition}->>'name', '')`,
      status: executions.status,
      trigger: executions.trigger,
      createdAt: executions.createdAt,
      startedAt: executions.startedAt,
      finishedAt: executions.finishedAt,
      handledFailures: executions.handledFailures,
      kind: executions.kind,
    })
    .from(executions)
    .where(where)
    .orderBy(desc(executions.createdAt), desc(executions.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
  const [total] = await db.select({ n: count() }).from(executions).where(where)
  return {
    items: items.map((i) => ({ ...i, status: i.status as ExecutionStatus, kind: i.kind as RunKind })),
    total: total?.n ?? 0,
    page: input.page,
    pageSize: input.pageSize,
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

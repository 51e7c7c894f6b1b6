// A webhook's recent deliveries: the runs its URL started (executions with trigger `webhook`),
// newest first. Refused requests start no run and are not listed (they are answered, not stored).
import { and, desc, eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { executions, workflows } from '@/db/schema'
import { notFound as workflowNotFound } from '@/server/workflows/workflow-store'

export type WebhookDelivery = {
  runId: string
  status: string
  workflowVersion: number
  receivedAt: Date
  startedAt: Date | null
  finishedAt: Date | null
}

export async function listWebhookDeliveries(
  db: Db,
  input: { workflowId: string; limit: number },
): Promise<WebhookDelivery[]> {
  const [workflow] = await db
    .select({ id: workflows.id })
    .from(workflows)
    .where(eq(workflows.id, input.workflowId))
  if (!workflow) throw workflowNotFound(input.workflowId)
  return db
    .select({
      runId: executions.id,
      status: executions.status,
      workflowVersion: executions.workflowVersion,
      receivedAt: executions.createdAt,
      startedAt: executions.startedAt,
      finishedAt: executions.finishedAt,
    })
    .from(executions)
    .where(and(eq(executions.workflowId, input.workflowId), eq(executions.trigger, 'webhook')))
    .orderBy(desc(executions.createdAt), desc(executions.id))
    .limit(input.limit)
}

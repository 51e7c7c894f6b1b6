// Webhook triggers in Postgres: enable, rotate and disable a workflow's secret URL, and find the
// trigger behind a token. The token is returned once and stored only as its sha256.
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { webhookTriggers, workflows } from '@/db/schema'
import { WorkflowError } from '@/server/engine/errors'
import { notFound as workflowNotFound } from '@/server/workflows/workflow-store'
import {
  generateSigningSecret,
  generateWebhookToken,
  hashWebhookToken,
  tokenHint,
  webhookPath,
} from './webhook-secrets'

export type WebhookDeps = { db: Db; clock: { now: () => Date } }

type WebhookRow = typeof webhookTriggers.$inferSelect

export type WebhookStatus = {
  workflowId: string
  enabled: boolean
  signed: boolean
  tokenHint: string | null
  createdAt: Date | null
  rotatedAt: Date | null
  lastTriggeredAt: Date | null
}

/** What enable and rotate return: the only time the token (and a new signing secret) is shown. */
export type IssuedWebhook = WebhookStatus & { token: string; path: string; signingSecret: string | null }

function toStatus(workflowId: string, row: WebhookRow | undefined): WebhookStatus {
  return {
    workflowId,
    enabled: row?.enabled ?? false,
    signed: row?.signingSecret != null,
    tokenHint: row?.tokenHint ?? null,
    createdAt: row?.createdAt ?? null,
    rotatedAt: row?.rotatedAt ?? null,
    lastTriggeredAt: row?.lastTriggeredAt ?? null,
  }
}

async function findRow(db: Db, workflowId: string): Promise<WebhookRow | undefined> {
  const [row] = await db.select().from(webhookTriggers).where(eq(webhookTriggers.workflowId, workflowId))
  return row
}

async function requireWorkflow(db: Db, workflowId: string): Promise<void> {
  const [row] = await db.select({ id: workflows.id }).from(workflows).where(eq(workflows.id, workflowId))
  if (!row) throw workflowNotFound(workflowId)
}

export async function getWebhookStatus(db: Db, workflowId: string): Promise<WebhookStatus> {
  await requireWorkflow(db, workflowId)
  return toStatus(workflowId, await findRow(db, workflowId))
}

/**
 * Gives a workflow a webhook URL. Refused while one is enabled (rotate replaces it); a disabled
 * trigger comes back with a new URL, since the old token cannot be shown again.
 */
export async function enableWebhook(
  deps: WebhookDeps,
  input: { workflowId: string; signed: boolean },
): Promise<IssuedWebhook> {
  await requireWorkflow(deps.db, input.workflowId)
  const token = generateWebhookToken()
  const signingSecret = input.signed ? generateSigningSecret() : null
  const now = deps.clock.now()
  const values = {
    tokenHash: hashWebhookToken(token),
    tokenHint: tokenHint(token),
    signingSecret,
    enabled: true,
  }
  const [row] = await deps.db
    .insert(webhookTriggers)
    .values({ workflowId: input.workflowId, ...values, createdAt: now })
    .onConflictDoUpdate({
      target: webhookTriggers.workflowId,
      set: { ...values, rotatedAt: now },
      // One statement, so two concurrent enables cannot both think they issued the URL.
      setWhere: eq(webhookTriggers.enabled, false),
    })
    .returning()
  if (!row) {
    throw new WorkflowError(
      'conflict',
      `Workflow ${input.workflowId} already has an enabled webhook; rotate it to get a new URL.`,
    )
  }
  return { ...toStatus(input.workflowId, row), token, path: webhookPath(token), signingSecret }
}

/**
 * Replaces an enabled webhook's URL; the old one stops working at once. `signed` true issues a new
 * signing secret, false removes signing, and leaving it out keeps the current secret.
 */
export async function rotateWebhook(
  deps: WebhookDeps,
  input: { workflowId: string; signed?: boolean | undefined },
): Promise<IssuedWebhook> {
  await requireWorkflow(deps.db, input.workflowId)
  const token = generateWebhookToken()
  const newSecret = input.signed === true ? generateSigningSecret() : null
  const [row] = await deps.db
    .update(webhookTriggers)
    .set({
      tokenHash: hashWebhookToken(token),
      tokenHint: tokenHint(token),
      ...(input.signed === undefined ? {} : { signingSecret: newSecret }),
      rotatedAt: deps.clock.now(),
    })
    .where(and(eq(webhookTriggers.workflowId, input.workflowId), eq(webhookTriggers.enabled, true)))
    .returning()
  if (!row) {
    throw new WorkflowError(
      'not_found',
      `Workflow ${input.workflowId} has no enabled webhook; enable one first.`,
    )
  }
  return { ...toStatus(input.workflowId, row), token, path: webhookPath(token), signingSecret: newSecret }
}

/** Turns the URL off (requests get 404); enabling again issues a new one. */
export async function disableWebhook(db: Db, workflowId: string): Promise<WebhookStatus> {
  await requireWorkflow(db, workflowId)
  const [row] = await db
    .update(webhookTriggers)
    .set({ enabled: false })
    .where(eq(webhookTriggers.workflowId, workflowId))
    .returning()
  return toStatus(workflowId, row)
}

/** The enabled trigger behind a URL token, if any. */
export async function findEnabledWebhook(db: Db, token: string) {
  const [row] = await db
    .select({
      id: webhookTriggers.id,
      workflowId: webhookTriggers.workflowId,
      signingSecret: webhookTriggers.signingSecret,
    })
    .from(webhookTriggers)
    .where(and(eq(webhookTriggers.tokenHash, hashWebhookToken(token)), eq(webhookTriggers.enabled, true)))
  return row
}

/** `lastTriggeredAt` is kept to this precision: one row write per webhook per second, not per call. */
export const LAST_TRIGGERED_PRECISION_MS = 1000
const lastRecorded = new Map<string, number>()

/**
 * Notes a call's time. Every call to one webhook would otherwise queue on the same row and on a
 * disk flush; a time that is lost in a crash costs nothing, so the write commits asynchronously.
 */
export async function recordWebhookCall(db: Db, id: string, at: Date): Promise<void> {
  const previous = lastRecorded.get(id)
  if (previous !== undefined && at.getTime() - previous < LAST_TRIGGERED_PRECISION_MS) return
  lastRecorded.set(id, at.getTime())
  if (lastRecorded.size > 10_000) lastRecorded.clear()
  await db.execute(sql`
    UPDATE webhook_triggers SET last_triggered_at = ${at.toISOString()}::timestamptz
    WHERE id = ${id} AND set_config('synchronous_commit', 'off', true) IS NOT NULL
      AND (last_triggered_at IS NULL OR last_triggered_at < ${at.toISOString()}::timestamptz)`)
}

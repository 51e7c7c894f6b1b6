// Delivers alert events to their rule's webhook: POST JSON with a timeout, up to MAX_ATTEMPTS
// tries across evaluator ticks. Events are claimed with SKIP LOCKED, so each is sent by one node.
// Requests go through the SSRF guard (guardedFetch), like the webhook step's.
import { sql } from 'drizzle-orm'
import { guardedFetch, OutboundRefusedError } from '@/server/auth/guarded-fetch'
import type { Resolver } from '@/server/auth/outbound-address-policy'
import type { OutboundPolicy } from '@/server/platform/outbound-policy'
import { rows } from '@/server/platform/sql-helpers'
import type { AlertDeps } from './alert-evaluation'

export const MAX_NOTIFY_ATTEMPTS = 3

interface PendingNotification {
  id: number
  rule_id: string
  rule_name: string
  metric: string
  comparator: string
  threshold: number
  window_seconds: number
  for_seconds: number
  webhook_url: string | null
  state: string
  value: number | null
  message: string
  created_at: string
  notify_attempts: number
}

export interface AlertWebhookPayload {
  eventId: number
  state: string
  message: string
  value: number | null
  threshold: number
  at: string
  rule: {
    id: string
    name: string
    metric: string
    comparator: string
    windowSeconds: number
    forSeconds: number
  }
}

/** Where alert webhooks may go: the process policy (RELAYFLOW_WEBHOOK_ALLOW/DENY) unless given. */
type OutboundOptions = { policy?: OutboundPolicy; resolve?: Resolver }

export async function deliverAlertNotifications(
  deps: AlertDeps & { outbound?: OutboundOptions },
  options: { timeoutMs?: number; batchSize?: number } = {},
): Promise<{ delivered: number; failed: number }> {
  const outbound = deps.outbound ?? {}
  const timeoutMs = options.timeoutMs ?? 5000
  return deps.db.transaction(async (tx) => {
    const pending = await rows<PendingNotification>(
      tx,
      sql`SELECT e.id, e.rule_id, r.name AS rule_name, r.metric, r.comparator, e.threshold, r.window_seconds,
                 r.for_seconds, r.webhook_url, e.state, e.value, e.message, e.created_at, e.notify_attempts
          FROM alert_events e JOIN alert_rules r ON r.id = e.rule_id
          WHERE e.notify_status = 'pending'
          ORDER BY e.id
          LIMIT ${options.batchSize ?? 20}
          FOR UPDATE OF e SKIP LOCKED`,
    )
    let delivered = 0
    let failed = 0
    for (const n of pending) {
      const outcome = n.webhook_url
        ? await post(outbound, n.webhook_url, toPayload(n), timeoutMs)
        : { error: 'the rule has no webhook URL any more', isFinal: true }
      const error = outcome?.error
      const attempts = n.notify_attempts + 1
      const status =
        outcome === undefined
          ? 'delivered'
          : attempts >= MAX_NOTIFY_ATTEMPTS || outcome.isFinal
            ? 'failed'
            : 'pending'
      if (status === 'delivered') delivered++
      if (status === 'failed') failed++
      if (error !== undefined)
        deps.logger.warn(
          { eventId: n.id, url: n.webhook_url, attempts, error },
          'alert webhook delivery failed',
        )
      await tx.execute(
        sql`UPDATE alert_events SET notify_status = ${status}, notify_attempts = ${attempts}, notify_error = ${error ?? null},
              notified_at = ${status === 'delivered' ? deps.clock.now().toISOString() : null}::timestamptz
            WHERE id = ${n.id}`,
      )
    }
    return { delivered, failed }
  })
}

function toPayload(n: PendingNotification): AlertWebhookPayload {
  return {
    eventId: Number(n.id),
    state: n.state,
    message: n.message,
    value: n.value,
    threshold: n.threshold,
    at: new Date(n.created_at).toISOString(),
    rule: {
      id: n.rule_id,
      name: n.rule_name,
      metric: n.metric,
      comparator: n.comparator,
      windowSeconds: n.window_seconds,
      forSeconds: n.for_seconds,
    },
  }
}

/** Undefined on a 2xx reply, otherwise what went wrong and whether retrying cannot help. */
async function post(
  outbound: OutboundOptions,
  url: string,
  payload: AlertWebhookPayload,
  timeoutMs: number,
): Promise<{ error: string; isFinal: boolean } | undefined> {
  try {
    const res = await guardedFetch(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'relayflow-alerts' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(timeoutMs),
      },
      outbound,
    )
    await res.body?.cancel()
    return res.ok ? undefined : { error: `HTTP ${res.status}`, isFinal: false }
  } catch (error) {
    // A refused address stays refused: no point trying again on the next tick.
    if (error instanceof OutboundRefusedError) return { error: error.message, isFinal: true }
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
      return { error: `no reply within ${timeoutMs} ms`, isFinal: false }
    return { error: error instanceof Error ? error.message : String(error), isFinal: false }
  }
}

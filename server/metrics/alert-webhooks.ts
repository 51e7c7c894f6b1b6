// Delivers alert events to their rule's webhook: POST JSON with a timeout, up to MAX_ATTEMPTS
// tries across evaluator ticks. Events are claimed with SKIP LOCKED, so each is sent by one node.
import { sql } from 'drizzle-orm'
import { rows } from '@/server/runner/sql-helpers'
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

export async function deliverAlertNotifications(
  deps: AlertDeps & { fetch?: typeof fetch },
  options: { timeoutMs?: number; batchSize?: number } = {},
): Promise<{ delivered: number; failed: number }> {
  const send = deps.fetch ?? fetch
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
      const error = n.webhook_url
        ? await post(send, n.webhook_url, toPayload(n), timeoutMs)
        : 'the rule has no webhook URL any more'
      const attempts = n.notify_attempts + 1
      const status =
        error === undefined
          ? 'delivered'
          : attempts >= MAX_NOTIFY_ATTEMPTS || !n.webhook_url
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

/** Returns undefined on a 2xx reply, otherwise what went wrong. */
async function post(send: typeof fetch, url: string, payload: AlertWebhookPayload, timeoutMs: number) {
  try {
    const res = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'relayflow-alerts' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    })
    await res.body?.cancel()
    return res.ok ? undefined : `HTTP ${res.status}`
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
      return `no reply within ${timeoutMs} ms`
    return error instanceof Error ? error.message : String(error)
  }
}

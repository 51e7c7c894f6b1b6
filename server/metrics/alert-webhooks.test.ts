// Alert notifications by webhook to a local HTTP server: the JSON payload, one delivery with two
// nodes delivering at once, retries with a recorded error, the timeout, and the SSRF guard.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { eq, sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { alertEvents } from '@/db/schema'
import { outboundPolicyFrom } from '@/server/platform/outbound-policy'
import { createLogger } from '@/server/platform/logger'
import { textList } from '@/server/platform/sql-helpers'
import { connectTestDatabase, uniqueName } from '@/server/testing/test-api'
import { createAlertRule } from './alert-rule-store'
import { deliverAlertNotifications, MAX_NOTIFY_ATTEMPTS, type AlertWebhookPayload } from './alert-webhooks'
import { startWebhookReceiver } from '@/server/testing/monitoring-test-kit'

const nodeA = connectTestDatabase()
const nodeB = connectTestDatabase()
const logger = createLogger('silent')
const clock = { now: () => new Date() }
const rules: string[] = []
afterAll(async () => {
  // Rules with webhooks to servers that no longer listen must not fire in later test files.
  await nodeA.db.execute(sql`DELETE FROM alert_rules WHERE id::text IN ${textList(rules)}`)
  await nodeA.close()
  await nodeB.close()
})

/** A rule with a webhook and one pending firing event, as the evaluator leaves them. */
async function firingEvent(webhookUrl: string) {
  const rule = await createAlertRule(nodeA.db, new Date(), {
    name: uniqueName('Hooked'),
    metric: 'queue_depth',
    comparator: '>',
    threshold: 10,
    windowSeconds: 60,
    forSeconds: 0,
    webhookUrl,
    enabled: true,
  })
  rules.push(rule.id)
  const [event] = await nodeA.db
    .insert(alertEvents)
    .values({
      ruleId: rule.id,
      state: 'firing',
      value: 42,
      threshold: 10,
      message: 'Queue is 42',
      notifyStatus: 'pending',
    })
    .returning()
  return { rule, event: event as typeof alertEvents.$inferSelect }
}

const reload = async (id: number) =>
  (await nodeA.db.select().from(alertEvents).where(eq(alertEvents.id, id)))[0]

describe('alert webhooks', () => {
  it('POSTs the event as JSON once, even with two nodes delivering at once', async () => {
    const receiver = await startWebhookReceiver()
    try {
      const { rule, event } = await firingEvent(receiver.url)
      await Promise.all([
        deliverAlertNotifications({ db: nodeA.db, clock, logger }),
        deliverAlertNotifications({ db: nodeB.db, clock, logger }),
      ])
      const mine = receiver.received.filter((r) => (r.body as AlertWebhookPayload).eventId === event.id)
      expect(mine).toHaveLength(1)
      expect(mine[0]?.headers['content-type']).toBe('application/json')
      expect(mine[0]?.body).toMatchObject({
        state: 'firing',
        message: 'Queue is 42',
        value: 42,
        threshold: 10,
        rule: { id: rule.id, name: rule.name, metric: 'queue_depth', comparator: '>', forSeconds: 0 },
      })
      expect((await reload(event.id))?.notifyStatus).toBe('delivered')
    } finally {
      await receiver.close()
    }
  })

  it('a failing endpoint is retried up to the limit and the error is kept', async () => {
    const receiver = await startWebhookReceiver({ status: 500 })
    try {
      const { event } = await firingEvent(receiver.url)
      for (let i = 0; i < MAX_NOTIFY_ATTEMPTS + 1; i++)
        await deliverAlertNotifications({ db: nodeA.db, clock, logger })
      const row = await reload(event.id)
      expect(row).toMatchObject({
        notifyStatus: 'failed',
        notifyAttempts: MAX_NOTIFY_ATTEMPTS,
        notifyError: 'HTTP 500',
      })
      expect(
        receiver.received.filter((r) => (r.body as AlertWebhookPayload).eventId === event.id),
      ).toHaveLength(MAX_NOTIFY_ATTEMPTS)
    } finally {
      await receiver.close()
    }
  })

  it('an endpoint that does not answer in time counts as a failed attempt', async () => {
    const receiver = await startWebhookReceiver({ delayMs: 2000 })
    try {
      const { event } = await firingEvent(receiver.url)
      // The receiver answers after 2 s: "no reply within 200 ms" shows delivery gave up at its timeout.
      await deliverAlertNotifications({ db: nodeA.db, clock, logger }, { timeoutMs: 200 })
      expect(await reload(event.id)).toMatchObject({
        notifyStatus: 'pending',
        notifyAttempts: 1,
        notifyError: 'no reply within 200 ms',
      })
      await nodeA.db.execute(sql`UPDATE alert_events SET notify_status = 'failed' WHERE id = ${event.id}`)
    } finally {
      await receiver.close()
    }
  })

  it('refuses cloud-metadata and denied addresses at once, also behind a redirect, without retrying', async () => {
    const direct = await firingEvent('http://169.254.169.254/latest/meta-data/')
    // A public-looking endpoint that redirects to the metadata service.
    const redirector = createServer((_req, res) => {
      res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' })
      res.end()
    })
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve))
    const port = (redirector.address() as AddressInfo).port
    const receiver = await startWebhookReceiver()
    try {
      const redirected = await firingEvent(`http://127.0.0.1:${port}/hook`)
      await deliverAlertNotifications({ db: nodeA.db, clock, logger }, { batchSize: 1000 })
      // 127.0.0.0/8 is allowed by default; an operator's deny list closes it.
      const denied = await firingEvent(receiver.url)
      const outbound = { policy: outboundPolicyFrom({ RELAYFLOW_WEBHOOK_DENY: '127.0.0.0/8' }) }
      await deliverAlertNotifications({ db: nodeA.db, clock, logger, outbound }, { batchSize: 1000 })
      for (const { event } of [direct, redirected, denied]) {
        const row = await reload(event.id)
        expect(row?.notifyStatus).toBe('failed')
        expect(row?.notifyError).toMatch(/are refused/)
      }
      expect((await reload(direct.event.id))?.notifyAttempts).toBe(1)
      expect(
        receiver.received.filter((r) => (r.body as AlertWebhookPayload).eventId === denied.event.id),
      ).toEqual([])
    } finally {
      redirector.closeAllConnections()
      redirector.close()
      await receiver.close()
    }
  })
})

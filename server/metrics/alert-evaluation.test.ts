// Alert rules against a real database: pending → firing → resolved on a controllable clock, and
// exactly one event per transition when two evaluators (two pools, as two nodes) run at once.
import { eq, sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { alertEvents } from '@/db/schema'
import { createLogger } from '@/server/platform/logger'
import { textList } from '@/server/platform/sql-helpers'
import { createManualClock } from '@/server/testing/trigger-test-kit'
import { connectTestDatabase, uniqueName } from '@/server/testing/test-api'
import { evaluateAlertRules } from './alert-evaluation'
import { createAlertRule, listAlertHistory, seedBuiltinAlertRules, listAlertRules } from './alert-rule-store'
import { readSystemState } from './system-state-queries'
import { insertSyntheticRun } from '@/server/testing/monitoring-test-kit'

const nodeA = connectTestDatabase()
const nodeB = connectTestDatabase()
const logger = createLogger('silent')
const created: string[] = []
const rules: string[] = []
afterAll(async () => {
  await nodeA.db.execute(sql`DELETE FROM executions WHERE id::text IN ${textList(created)}`)
  await nodeA.db.execute(sql`DELETE FROM alert_rules WHERE id::text IN ${textList(rules)}`)
  await nodeA.close()
  await nodeB.close()
})

/** Adds `n` due ready steps (no runner is alive in this file, so they stay queued). */
async function queueSteps(n: number, now: Date) {
  const { executionId } = await insertSyntheticRun(nodeA.db, {
    status: 'running',
    createdAt: now,
    steps: Array.from({ length: n }, (_, i) => ({
      stepId: `s${i}`,
      status: 'ready',
      runAt: new Date(now.getTime() - 1000),
    })),
  })
  created.push(executionId)
  return executionId
}

async function queueRule(clockNow: Date, extra: { forSeconds: number; webhookUrl?: string | null }) {
  const depth = (await readSystemState(nodeA.db, clockNow)).queueDepth
  const rule = await createAlertRule(nodeA.db, clockNow, {
    name: uniqueName('Queue'),
    metric: 'queue_depth',
    comparator: '>',
    threshold: depth + 2,
    windowSeconds: 60,
    webhookUrl: null,
    enabled: true,
    ...extra,
  })
  rules.push(rule.id)
  return rule
}

const eventsOf = async (ruleId: string) =>
  (await listAlertHistory(nodeA.db, { ruleId, limit: 50 })).map((e) => e.state).reverse()

describe('alert evaluation', () => {
  it('seeds the four built-in rules once', async () => {
    await seedBuiltinAlertRules(nodeA.db, new Date())
    await seedBuiltinAlertRules(nodeA.db, new Date())
    const keys = (await listAlertRules(nodeA.db)).map((r) => r.builtinKey).filter(Boolean)
    expect(keys.sort()).toEqual(['device_utilization', 'execution_latency', 'failure_rate', 'queue_depth'])
  })

  it('a rule goes pending, fires after forSeconds, and resolves when the condition clears', async () => {
    const clock = createManualClock(new Date())
    const deps = { db: nodeA.db, clock, logger }
    const rule = await queueRule(clock.now(), { forSeconds: 30 })

    await evaluateAlertRules(deps)
    expect(await eventsOf(rule.id)).toEqual([])

    const executionId = await queueSteps(5, clock.now())
    clock.advance(1000)
    await evaluateAlertRules(deps)
    expect(await eventsOf(rule.id)).toEqual(['pending'])

    clock.advance(20_000)
    await evaluateAlertRules(deps)
    expect(await eventsOf(rule.id)).toEqual(['pending'])

    clock.advance(11_000)
    await evaluateAlertRules(deps)
    expect(await eventsOf(rule.id)).toEqual(['pending', 'firing'])
    const [firing] = await listAlertHistory(nodeA.db, { ruleId: rule.id, limit: 1 })
    expect(firing?.message).toMatch(/pending|firing/)
    expect(firing?.message).toContain(`threshold > ${rule.threshold.toLocaleString('en-US')}`)

    clock.advance(5000)
    await evaluateAlertRules(deps)
    expect(await eventsOf(rule.id)).toEqual(['pending', 'firing'])

    await nodeA.db.execute(sql`DELETE FROM executions WHERE id = ${executionId}`)
    clock.advance(5000)
    await evaluateAlertRules(deps)
    expect(await eventsOf(rule.id)).toEqual(['pending', 'firing', 'resolved'])
    const rules = await listAlertRules(nodeA.db)
    expect(rules.find((r) => r.id === rule.id)?.state).toBe('inactive')
  })

  it('two evaluators running at once record each transition once', async () => {
    const clock = createManualClock(new Date())
    const rule = await queueRule(clock.now(), { forSeconds: 0 })
    await queueSteps(5, clock.now())
    const a = { db: nodeA.db, clock, logger }
    const b = { db: nodeB.db, clock, logger }
    let leaders = 0
    for (let i = 0; i < 5; i++) {
      clock.advance(1000)
      const results = await Promise.all([evaluateAlertRules(a), evaluateAlertRules(b)])
      leaders += results.filter((r) => r.leader).length
    }
    expect(leaders).toBeGreaterThanOrEqual(5)
    const firing = await nodeA.db.select().from(alertEvents).where(eq(alertEvents.ruleId, rule.id))
    expect(firing.map((e) => e.state)).toEqual(['firing'])
  })
})

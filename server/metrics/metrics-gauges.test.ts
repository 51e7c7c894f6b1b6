// /metrics gauges read from PostgreSQL on scrape: ready-queue depth, lease reclaims, devices.
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { connectTestDatabase, uniqueName } from '@/server/testing/test-api'
import { textList } from '@/server/platform/sql-helpers'
import { insertSyntheticRun, parsePrometheusText } from '@/server/testing/monitoring-test-kit'
import { createRelayflowMetrics } from './relayflow-metrics'

const database = connectTestDatabase()
// Synthetic rows would be claimed (or routed to) by later test files' runners: remove them.
const created = { runs: [] as string[], devices: [] as string[] }
afterAll(async () => {
  await database.db.execute(sql`DELETE FROM executions WHERE id::text IN ${textList(created.runs)}`)
  await database.db.execute(sql`DELETE FROM devices WHERE id IN ${textList(created.devices)}`)
  await database.close()
})
const clock = { now: () => new Date() }
const metrics = createRelayflowMetrics({
  db: database.db,
  clock,
  cacheMs: 0,
  settleMs: 0,
  processMetrics: false,
})
const scrape = async () => parsePrometheusText(await metrics.render())

describe('/metrics gauges', () => {
  it('queue depth counts due ready steps; future ones are scheduled, not queued', async () => {
    const before = await scrape()
    const now = Date.now()
    const ready = (stepId: string, offsetMs: number) => ({
      stepId,
      status: 'ready',
      runAt: new Date(now + offsetMs),
    })
    const { executionId } = await insertSyntheticRun(database.db, {
      status: 'running',
      createdAt: new Date(now - 60_000),
      steps: [
        ready('a', -5000),
        ready('b', -1000),
        ready('c', -10),
        ready('later', 3_600_000),
        { stepId: 'p', status: 'pending' },
      ],
    })
    created.runs.push(executionId)
    const after = await scrape()
    expect(after.value('relayflow_ready_queue_depth') - before.value('relayflow_ready_queue_depth')).toBe(3)
    expect(after.value('relayflow_scheduled_steps') - before.value('relayflow_scheduled_steps')).toBe(1)
    expect(
      after.value('relayflow_runs', { status: 'running' }) -
        before.value('relayflow_runs', { status: 'running' }),
    ).toBe(1)
  })

  it('lease reclaims mirror step.interrupted events and only grow', async () => {
    const before = await scrape()
    const { executionId } = await insertSyntheticRun(database.db, {
      status: 'running',
      createdAt: new Date(),
      steps: [{ stepId: 'x', status: 'running' }],
    })
    created.runs.push(executionId)
    await database.db.execute(
      sql`INSERT INTO execution_events (execution_id, seq, type, step_id) VALUES
          (${executionId}, 1, 'step.interrupted', 'x'), (${executionId}, 2, 'step.interrupted', 'x'), (${executionId}, 3, 'step.running', 'x')`,
    )
    const after = await scrape()
    expect(
      after.value('relayflow_lease_reclaims_total') - before.value('relayflow_lease_reclaims_total'),
    ).toBe(2)
  })

  it('devices by status, slots, load and utilization', async () => {
    const before = await scrape()
    const device = (status: string, max: number, load: number, draining = false) => {
      const id = uniqueName('dev').replace(/\W/g, '-')
      created.devices.push(id)
      return sql`(${id}, ${id}, ${id}, 'tok', ${max}, ${status}, ${load}, ${draining})`
    }
    await database.db.execute(
      sql`INSERT INTO devices (id, name, token_hash, token_prefix, max_concurrency, status, load, draining) VALUES
          ${sql.join([device('online', 4, 1), device('busy', 2, 2), device('offline', 8, 0), device('online', 5, 5, true)], sql`, `)}`,
    )
    const after = await scrape()
    const delta = (name: string, labels: Record<string, string>) =>
      after.value(name, labels) - before.value(name, labels)
    expect(delta('relayflow_devices', { status: 'online' })).toBe(2)
    expect(delta('relayflow_devices', { status: 'busy' })).toBe(1)
    expect(delta('relayflow_devices', { status: 'offline' })).toBe(1)
    // Draining and offline devices offer no slots.
    expect(delta('relayflow_device_slots', { kind: 'slots' })).toBe(6)
    expect(delta('relayflow_device_slots', { kind: 'load' })).toBe(3)
    const slots = after.value('relayflow_device_slots', { kind: 'slots' })
    const load = after.value('relayflow_device_slots', { kind: 'load' })
    expect(after.value('relayflow_device_utilization_ratio')).toBeCloseTo(load / slots, 6)
    expect(after.value('relayflow_db_connections', { state: 'active' })).toBeGreaterThanOrEqual(1)
  })
})

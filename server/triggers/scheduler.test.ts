// The scheduler against a real PostgreSQL with a clock the test moves: several schedulers on their
// own connections fire each occurrence exactly once; missed occurrences are counted, not replayed.
import { Writable } from 'node:stream'
import { eq, sql } from 'drizzle-orm'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scheduleFires } from '@/db/schema'
import { createLogger } from '@/server/platform/logger'
import { registerScriptedFleet } from '@/server/testing/runner-test-kit'
import { rows } from '@/server/platform/sql-helpers'
import { connectTestDatabase, createTestApi } from '@/server/testing/test-api'
import { startScheduler, type RunningScheduler } from './scheduler'
import { countRuns, createManualClock, greetingWorkflow } from '@/server/testing/trigger-test-kit'

const database = connectTestDatabase()
const otherProcess = connectTestDatabase()
const clock = createManualClock(new Date('2031-01-01T00:00:30Z'))
const { api } = createTestApi(database, clock)
const silent = createLogger('silent')
beforeAll(() => registerScriptedFleet(database))
afterAll(async () => {
  await database.close()
  await otherProcess.close()
})

function captureWarnings() {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>)
      done()
    },
  })
  return { logger: pino({ level: 'warn' }, stream), lines }
}

async function createWorkflowWithSchedules(count: number, cron: string, inputs = { name: 'cron' }) {
  const saved = await api.workflows.create({ definition: greetingWorkflow() })
  const created = []
  for (let i = 0; i < count; i++) {
    created.push(await api.triggers.schedules.create({ workflowId: saved.workflowId, cron, inputs }))
  }
  return { workflowId: saved.workflowId, schedules: created }
}

async function firesOf(scheduleId: string) {
  return database.db.select().from(scheduleFires).where(eq(scheduleFires.scheduleId, scheduleId))
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('scheduler', () => {
  it('fires every occurrence exactly once with two schedulers polling the same database', async () => {
    const { workflowId, schedules } = await createWorkflowWithSchedules(8, '* * * * *')
    const schedulers: RunningScheduler[] = [
      startScheduler({ db: database.db, clock, logger: silent, pollMs: 5 }),
      startScheduler({ db: otherProcess.db, clock, logger: silent, pollMs: 5 }),
    ]
    const minutes = 4
    const firedBy = [0, 0]
    try {
      for (let minute = 1; minute <= minutes; minute++) {
        clock.set(new Date(Date.UTC(2031, 0, 1, 0, minute, 30)))
        // Race the loops with extra direct ticks from both "processes".
        const ticks = await Promise.all(schedulers.flatMap((s) => [s.tick(), s.tick()]))
        ticks.forEach((fired, i) => (firedBy[i % 2]! += fired.length))
        const expected = schedules.length * minute
        await until(async () => (await countRuns(database, workflowId)) >= expected, `${expected} runs`)
      }
      // Give the loops time to (wrongly) fire again before counting.
      await new Promise((resolve) => setTimeout(resolve, 100))
    } finally {
      await Promise.all(schedulers.map((s) => s.stop()))
    }
    expect(await countRuns(database, workflowId, 'schedule')).toBe(schedules.length * minutes)
    expect(await countRuns(database, workflowId)).toBe(schedules.length * minutes)
    for (const schedule of schedules) {
      const fires = await firesOf(schedule.id)
      expect(fires.map((f) => f.scheduledFor.toISOString()).sort()).toEqual(
        [1, 2, 3, 4].map((m) => new Date(Date.UTC(2031, 0, 1, 0, m)).toISOString()),
      )
      expect(fires.every((f) => f.status === 'started' && f.executionId !== null && f.missed === 0)).toBe(
        true,
      )
    }
    for (const schedule of schedules) await api.triggers.schedules.delete({ id: schedule.id })
  })

  it('fires once for the latest missed occurrence, records how many were missed and warns', async () => {
    clock.set('2032-01-01T00:01:00Z')
    const { workflowId, schedules } = await createWorkflowWithSchedules(1, '*/5 * * * *')
    const schedule = schedules[0]!
    expect(schedule.nextFireAt?.toISOString()).toBe('2032-01-01T00:05:00.000Z')
    const { logger, lines } = captureWarnings()
    // Down from before 00:05 until 00:32:10: 00:05 … 00:30 were due, six occurrences.
    clock.set('2032-01-01T00:32:10Z')
    const scheduler = startScheduler({ db: database.db, clock, logger, pollMs: 60_000 })
    try {
      // The loop's first iteration and these ticks race (a tick skips rows another one holds).
      await Promise.all([scheduler.tick(), scheduler.tick()])
      await until(async () => (await countRuns(database, workflowId)) >= 1, 'the catch-up run')
      await scheduler.tick()
      expect(await countRuns(database, workflowId, 'schedule')).toBe(1)
      const [after] = (await api.triggers.schedules.list({ workflowId })).items
      expect(after).toMatchObject({ missedFires: 5 })
      expect(after?.nextFireAt?.toISOString()).toBe('2032-01-01T00:35:00.000Z')
      const history = await api.triggers.schedules.fires({ id: schedule.id })
      expect(history.items).toMatchObject([
        { scheduledFor: new Date('2032-01-01T00:30:00Z'), missed: 5, status: 'started' },
      ])
      expect(lines.some((l) => l.scheduleId === schedule.id && l.missed === 5 && l.level === 40)).toBe(true)

      clock.set('2032-01-01T00:35:01Z')
      await scheduler.tick()
      await until(async () => (await countRuns(database, workflowId)) >= 2, 'the next run')
      const latest = await api.triggers.schedules.fires({ id: schedule.id })
      expect(latest.items[0]).toMatchObject({ scheduledFor: new Date('2032-01-01T00:35:00Z'), missed: 0 })
      expect(await countRuns(database, workflowId, 'schedule')).toBe(2)
    } finally {
      await scheduler.stop()
    }
  })

  it('records a failed fire when the inputs no longer fit the workflow, and moves on', async () => {
    clock.set('2033-01-01T00:00:30Z')
    const { workflowId, schedules } = await createWorkflowWithSchedules(1, '* * * * *')
    const v1 = greetingWorkflow()
    const inputs = {
      ...v1.inputs,
      properties: { ...v1.inputs.properties, city: { type: 'string' } },
      required: ['name', 'city'],
    }
    await api.workflows.update({ id: workflowId, definition: { ...v1, inputs } })
    clock.set('2033-01-01T00:01:05Z')
    const scheduler = startScheduler({ db: database.db, clock, logger: silent, pollMs: 60_000 })
    try {
      await scheduler.tick()
    } finally {
      await scheduler.stop()
    }
    const history = await api.triggers.schedules.fires({ id: schedules[0]!.id })
    expect(history.items).toMatchObject([
      { status: 'failed', executionId: null, error: { code: 'invalid_inputs' } },
    ])
    expect(history.items[0]?.error?.message).toContain('Input "city" is required.')
    expect(await countRuns(database, workflowId)).toBe(0)
    const [row] = await rows<{ next_fire_at: Date }>(
      database.db,
      sql`SELECT next_fire_at FROM schedules WHERE id = ${schedules[0]!.id}`,
    )
    expect(new Date(row!.next_fire_at).toISOString()).toBe('2033-01-01T00:02:00.000Z')
  })
})

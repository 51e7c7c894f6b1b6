// Per-minute rollups against a real database: settled minutes only, boundaries counted once, and a
// window read from rollups plus raw edges equals the exact read (counts) or comes within 2 %
// (percentiles). Dated in the far future so only this file's rows are in range.
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { createLogger } from '@/server/platform/logger'
import { rows, textList, timestamp } from '@/server/platform/sql-helpers'
import { connectTestDatabase } from '@/server/testing/test-api'
import { evaluateAlertRules } from './alert-evaluation'
import { MINUTE_MS, readRollups, rollUpMinutes, uncoveredRanges } from './minute-rollups'
import { insertSyntheticRun } from '@/server/testing/monitoring-test-kit'
import { measureWindow, measureWindowRaw } from './window-measurements'

const database = connectTestDatabase()
const created: string[] = []
afterAll(async () => {
  await database.db.execute(sql`DELETE FROM executions WHERE id::text IN ${textList(created)}`)
  await database.db.execute(
    sql`DELETE FROM monitoring_minute_rollups WHERE minute_end >= '2104-01-01' AND minute_end < '2105-01-01'`,
  )
  await database.close()
})

/** A run whose steps end at the given times, each taking `ms` after waiting `waitMs`. */
async function runEnding(
  base: Date,
  steps: { endMs: number; ms: number; waitMs: number; failed?: boolean }[],
) {
  const at = (ms: number) => new Date(base.getTime() + ms)
  const last = Math.max(...steps.map((s) => s.endMs))
  const failed = steps.some((s) => s.failed)
  const { executionId } = await insertSyntheticRun(database.db, {
    status: failed ? 'failed' : 'succeeded',
    createdAt: at(Math.min(...steps.map((s) => s.endMs - s.ms - s.waitMs)) - 1000),
    finishedAt: at(last),
    steps: steps.map((s, i) => ({
      stepId: `s${i}`,
      status: s.failed ? 'failed' : 'succeeded',
      runAt: at(s.endMs - s.ms - s.waitMs),
      startedAt: at(s.endMs - s.ms),
      finishedAt: at(s.endMs),
    })),
  })
  created.push(executionId)
}

async function rollupRows(from: Date, to: Date) {
  return rows<{ minute_end: string; steps_finished: number }>(
    database.db,
    sql`SELECT minute_end, steps_finished FROM monitoring_minute_rollups
        WHERE minute_end > ${timestamp(from)} AND minute_end <= ${timestamp(to)} ORDER BY minute_end`,
  )
}

describe('per-minute rollups', () => {
  it('rolls up settled minutes once; a step ending exactly on a minute belongs to the minute it ends', async () => {
    const base = new Date('2104-01-01T10:00:00Z')
    // 10:00:00 exactly → minute ending 10:00; 10:00:30 → minute ending 10:01.
    await runEnding(base, [
      { endMs: 0, ms: 100, waitMs: 10 },
      { endMs: 30_000, ms: 200, waitMs: 20, failed: true },
    ])
    const now = new Date(base.getTime() + 2 * MINUTE_MS + 30_000) // 10:02:30: 10:02 is not settled yet
    expect(await rollUpMinutes(database.db, now, { maxMinutes: 120 })).toBe(120)
    const written = await rollupRows(new Date(base.getTime() - 2 * MINUTE_MS), now)
    expect(written.map((r) => [new Date(r.minute_end).toISOString(), r.steps_finished])).toEqual([
      ['2104-01-01T09:59:00.000Z', 0],
      ['2104-01-01T10:00:00.000Z', 1],
      ['2104-01-01T10:01:00.000Z', 1],
    ])
    // The horizon is filled: a second call finds nothing missing.
    expect(await rollUpMinutes(database.db, now)).toBe(0)
  })

  it('a window read from rollups plus raw edges matches the exact read', async () => {
    const base = new Date('2104-02-01T10:00:00Z')
    for (let run = 0; run < 30; run++)
      await runEnding(
        base,
        Array.from({ length: 6 }, (_, i) => ({
          endMs: run * 37_000 + i * 4100 + 500,
          ms: 20 + ((run * 6 + i) % 17) * 35,
          waitMs: 1 + ((run + i) % 9),
          failed: (run * 6 + i) % 23 === 0,
        })),
      )
    const now = new Date(base.getTime() + 20 * MINUTE_MS + 12_345)
    await rollUpMinutes(database.db, now)
    const from = new Date(now.getTime() - 900_000)
    const rolled = await readRollups(database.db, from, now)
    expect(rolled.length).toBeGreaterThan(10)
    // The edges the rollups leave: the part-minute at the start and the unsettled end.
    const firstStart = new Date((rolled[0]?.minuteEnd.getTime() as number) - MINUTE_MS)
    const lastEnd = rolled[rolled.length - 1]?.minuteEnd as Date
    expect(uncoveredRanges(from, now, rolled)).toEqual([
      [from, firstStart],
      [lastEnd, now],
    ])

    const exact = await measureWindowRaw(database.db, now, 900)
    const fast = await measureWindow(database.db, now, 900, { exactBelowSteps: 0 })
    expect(exact.stepsFinished).toBeGreaterThan(100)
    expect(fast).toMatchObject({
      stepsFinished: exact.stepsFinished,
      stepsFailed: exact.stepsFailed,
      runsFinished: exact.runsFinished,
      runsFailed: exact.runsFailed,
      stepFailureRate: exact.stepFailureRate,
    })
    for (const key of ['p50', 'p95', 'p99'] as const) {
      expect(
        Math.abs((fast.stepDurationMs[key] as number) / (exact.stepDurationMs[key] as number) - 1),
      ).toBeLessThan(0.02)
      expect(
        Math.abs((fast.dispatchLatencyMs[key] as number) / (exact.dispatchLatencyMs[key] as number) - 1),
      ).toBeLessThan(0.02)
    }
    // Few steps: the default reads the window exactly.
    expect(await measureWindow(database.db, now, 900)).toEqual(exact)
  })

  it('the alert evaluator rolls up settled minutes on its tick', async () => {
    const now = new Date('2104-03-01T10:00:00Z')
    const clock = { now: () => now }
    await evaluateAlertRules({ db: database.db, clock, logger: createLogger('silent') })
    const written = await rollupRows(new Date(now.getTime() - 3600_000), now)
    expect(written.length).toBe(10)
    expect(new Date(written[written.length - 1]?.minute_end as string).toISOString()).toBe(
      '2104-03-01T09:59:00.000Z',
    )
  })
})

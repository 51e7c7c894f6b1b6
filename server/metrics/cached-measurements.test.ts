// Window measurements are reused within their TTL, served stale while refreshing, and recomputed.
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { textList } from '@/server/platform/sql-helpers'
import { connectTestDatabase } from '@/server/testing/test-api'
import { measureWindowCached, ttlMsFor } from './cached-measurements'
import { insertSyntheticRun } from '@/server/testing/monitoring-test-kit'

const database = connectTestDatabase()
const created: string[] = []
afterAll(async () => {
  await database.db.execute(sql`DELETE FROM executions WHERE id::text IN ${textList(created)}`)
  await database.close()
})

const t0 = new Date('2103-01-01T00:00:00Z')
const at = (ms: number) => new Date(t0.getTime() + ms)

async function finishedStep(endedAt: Date) {
  const { executionId } = await insertSyntheticRun(database.db, {
    status: 'succeeded',
    createdAt: new Date(endedAt.getTime() - 1000),
    finishedAt: endedAt,
    steps: [
      { stepId: 's', status: 'succeeded', startedAt: new Date(endedAt.getTime() - 100), finishedAt: endedAt },
    ],
  })
  created.push(executionId)
}

describe('cached window measurements', () => {
  it('a 60-minute window is reused for a minute, then served stale while it is recomputed', async () => {
    expect(ttlMsFor(3600)).toBe(60_000)
    expect(ttlMsFor(300)).toBe(5000)
    await finishedStep(at(-1000))
    expect((await measureWindowCached(database.db, t0, 3600)).stepsFinished).toBe(1)

    await finishedStep(at(1000))
    expect((await measureWindowCached(database.db, at(30_000), 3600)).stepsFinished).toBe(1)

    // Past the TTL: the old value comes back at once and the next call sees the new one.
    expect((await measureWindowCached(database.db, at(61_000), 3600)).stepsFinished).toBe(1)
    await expect
      .poll(async () => (await measureWindowCached(database.db, at(61_500), 3600)).stepsFinished)
      .toBe(2)
  })

  it('a value older than five TTLs is not served: the call waits for a fresh one', async () => {
    await finishedStep(at(100_000))
    expect((await measureWindowCached(database.db, at(400_000), 3600)).stepsFinished).toBe(3)
  })
})

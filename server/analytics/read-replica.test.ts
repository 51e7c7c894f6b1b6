// DATABASE_READ_URL: analytics and monitoring reports read from the replica connection when one is
// configured, and from the primary without it. The "replica" is a second database holding other
// rows, so the numbers show which one answered.
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest'
import type { Database } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { connectReadReplica } from '@/db/read-replica'
import { createApiCaller } from '@/server/api/root-router'
import { loadConfig } from '@/server/platform/config'
import { createLogger } from '@/server/platform/logger'
import { connectTestDatabase } from '@/server/testing/test-api'
import { insertRun } from '@/server/testing/analytics-test-kit'

const NOW = new Date('2034-06-14T12:00:00Z')
const primary = connectTestDatabase()
const replicaName = `relayflow_replica_${process.pid}_${Date.now()}`
let replica: Database | undefined
let admin: postgres.Sql

beforeAll(async () => {
  admin = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} })
  await admin.unsafe(`CREATE DATABASE ${replicaName}`)
  const url = new URL(inject('databaseUrl'))
  url.pathname = `/${replicaName}`
  await migrateDatabase(url.toString())
  replica = connectReadReplica(url.toString())
  const at = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000)
  await insertRun(primary.db, { workflowId: null, status: 'succeeded', createdAt: at(30), durationMs: 1000 })
  for (const minutes of [10, 20, 40]) {
    await insertRun((replica as Database).db, { workflowId: null, status: 'failed', createdAt: at(minutes), durationMs: 1000 })
  }
}, 60_000)

afterAll(async () => {
  await replica?.close()
  await primary.close()
  await admin.unsafe(`DROP DATABASE IF EXISTS ${replicaName} WITH (FORCE)`)
  await admin.end()
})

const apiWith = (readDb: Database | undefined) =>
  createApiCaller({ db: primary.db, readDb: readDb?.db, logger: createLogger('silent'), clock: { now: () => NOW } })

describe('read replica', () => {
  it('analytics and monitoring read from the replica when DATABASE_READ_URL is set', async () => {
    const api = apiWith(replica)
    expect((await api.analytics.runTrend({ range: '1h' })).totals).toMatchObject({ runs: 3, byStatus: { failed: 3 } })
    expect((await api.analytics.usage({ range: '1h' })).byTrigger).toEqual([
      { trigger: 'manual', runs: 3, succeeded: 0, failed: 3, successRate: 0 },
    ])
  })

  it('without a replica the same reports read the primary', async () => {
    const api = apiWith(undefined)
    expect((await api.analytics.runTrend({ range: '1h' })).totals).toMatchObject({ runs: 1, byStatus: { succeeded: 1 } })
  })

  it('DATABASE_READ_URL is optional and must be a postgres URL', () => {
    expect(connectReadReplica(undefined)).toBeUndefined()
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_READ_URL: 'postgres://replica:5432/relayflow' }).databaseReadUrl).toBe(
      'postgres://replica:5432/relayflow',
    )
    expect(loadConfig({ NODE_ENV: 'test' }).databaseReadUrl).toBeUndefined()
    expect(() => loadConfig({ NODE_ENV: 'test', DATABASE_READ_URL: 'mysql://x' })).toThrow(/DATABASE_READ_URL: must be a postgres/)
  })
})

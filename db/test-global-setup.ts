// Vitest global setup for integration tests: a real PostgreSQL (DATABASE_URL when set,
// otherwise the embedded one), with a fresh, migrated database for this test run.
import postgres from 'postgres'
import type { TestProject } from 'vitest/node'
import { startEmbeddedPostgres } from './embedded-postgres'
import { migrateDatabase } from './migrate'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
  }
}

export default async function setup(project: TestProject) {
  let baseUrl = process.env.DATABASE_URL
  let stopEmbedded: (() => Promise<void>) | undefined
  if (!baseUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: '.data/test' })
    baseUrl = embedded.url
    stopEmbedded = embedded.stop
  }
  const name = `relayflow_test_${process.pid}_${Date.now()}`
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`CREATE DATABASE ${name}`)
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  await migrateDatabase(url.toString())
  project.provide('databaseUrl', url.toString())

  return async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end({ timeout: 5 })
    await stopEmbedded?.()
  }
}

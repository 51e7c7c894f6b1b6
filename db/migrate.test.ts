// Migrations are safe when several processes start at once against one database.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { migrateDatabase } from './migrate'

describe('migrateDatabase', () => {
  it('several processes migrating a fresh database at once all succeed and apply it once', async () => {
    const base = inject('databaseUrl')
    const admin = postgres(base, { max: 1, onnotice: () => {} })
    const name = `relayflow_migrate_${Date.now()}`
    await admin.unsafe(`CREATE DATABASE ${name}`)
    const url = new URL(base)
    url.pathname = `/${name}`
    try {
      await Promise.all([1, 2, 3, 4].map(() => migrateDatabase(url.toString())))
      const fresh = postgres(url.toString(), { max: 1, onnotice: () => {} })
      const applied = await fresh`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`
      const tables = await fresh`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`
      await fresh.end()
      // Every migration applied once, and every table they create exists exactly once.
      const dir = path.resolve('db/migrations')
      const files = readdirSync(dir).filter((f) => f.endsWith('.sql'))
      const created = files.map((f) => (readFileSync(path.join(dir, f), 'utf8').match(/CREATE TABLE/g) ?? []).length)
      expect(applied[0]?.n).toBe(files.length)
      expect(tables[0]?.n).toBe(created.reduce((a, b) => a + b, 0))
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    }
  })
})

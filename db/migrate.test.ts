// Migrations are safe when several processes start at once against one database.
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
      expect(applied[0]?.n).toBeGreaterThan(0)
      expect(tables[0]?.n).toBe(6)
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    }
  })
})

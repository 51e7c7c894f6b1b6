// A fresh database per benchmark on DATABASE_URL's server, or on an embedded PostgreSQL in
// .data/bench when it is unset; dropped (and the embedded server stopped) afterwards, unless
// BENCH_KEEP_DATABASE=1 keeps it for a look at its rows and query plans (its name goes to stderr).
import postgres from 'postgres'
import { startEmbeddedPostgres } from '../db/embedded-postgres'
import { migrateDatabase } from '../db/migrate'

export async function freshDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  let baseUrl = process.env.DATABASE_URL
  let stopEmbedded: (() => Promise<void>) | undefined
  if (!baseUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: '.data/bench' })
    baseUrl = embedded.url
    stopEmbedded = embedded.stop
  }
  const name = `relayflow_bench_${label}_${process.pid}_${Date.now()}`
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`CREATE DATABASE ${name}`)
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  await migrateDatabase(url.toString())
  return {
    url: url.toString(),
    drop: async () => {
      if (process.env.BENCH_KEEP_DATABASE === '1') console.error(`kept database ${name}`)
      else await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end({ timeout: 5 })
      await stopEmbedded?.()
    },
  }
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0
}

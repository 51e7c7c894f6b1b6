// Decides which PostgreSQL to use: DATABASE_URL when set, else the embedded cluster.
import { startEmbeddedPostgres } from './embedded-postgres'

/** The part of the server's config this needs (server/platform/config.ts). */
export type DatabaseSettings = { databaseUrl?: string; dataDir: string }

export async function openDatabaseUrl(
  config: DatabaseSettings,
  log: (message: string) => void,
): Promise<{ url: string; embedded: boolean; stop: () => Promise<void> }> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => {} }
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, log })
  return { url: embedded.url, embedded: true, stop: embedded.stop }
}

// Decides which PostgreSQL to use: DATABASE_URL when set, else the embedded cluster.
import type { Config } from '../server/config'
import { startEmbeddedPostgres } from './embedded-postgres'

export async function openDatabaseUrl(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  log: (message: string) => void,
): Promise<{ url: string; embedded: boolean; stop: () => Promise<void> }> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => {} }
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, log })
  return { url: embedded.url, embedded: true, stop: embedded.stop }
}

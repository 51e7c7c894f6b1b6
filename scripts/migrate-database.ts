// `npm run db:migrate`: applies migrations to DATABASE_URL, or to the embedded cluster.
import { loadConfig } from '@/server/platform/config'
import { openDatabaseUrl } from '@/db/database-url'
import { migrateDatabase } from '@/db/migrate'

const config = loadConfig()
const { url, stop } = await openDatabaseUrl(config, console.log)
await migrateDatabase(url)
console.log('migrations applied')
await stop()

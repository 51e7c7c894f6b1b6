// The process's storage: the database (embedded or DATABASE_URL) migrated and connected, the
// optional read replica, and the API context every entry point shares.
import { connectDatabase } from '@/db/client'
import { openDatabaseUrl } from '@/db/database-url'
import { migrateDatabase } from '@/db/migrate'
import { connectReadReplica } from '@/db/read-replica'
import type { ApiContext } from '@/server/api/context'
import { systemClock } from '@/server/platform/clock'
import type { Config } from '@/server/platform/config'
import type { Logger } from '@/server/platform/logger'
import { startRunEndSignals } from '@/server/runner/run-end-signals'
import { processSecretKey } from '@/server/secrets/secret-key'
import { seedBuiltinTemplates } from '@/server/templates/template-store'

export type Storage = Awaited<ReturnType<typeof openStorage>>

export async function openStorage(config: Config, logger: Logger) {
  const pgLog = logger.child({ component: 'postgres' })
  const database = await openDatabaseUrl(config, (message) => pgLog.debug(message))
  logger.info(
    { embedded: database.embedded },
    database.embedded ? 'using embedded PostgreSQL' : 'using DATABASE_URL',
  )
  await migrateDatabase(database.url)
  const db = connectDatabase(database.url)
  const replica = connectReadReplica(config.databaseReadUrl)
  if (replica) logger.info('analytics and monitoring read from DATABASE_READ_URL')
  const context: ApiContext = {
    db: db.db,
    readDb: replica?.db,
    logger: logger.child({ component: 'api' }),
    clock: systemClock,
    auth: config.auth,
    runEnds: startRunEndSignals({ sql: db.sql, logger }),
  }
  processSecretKey() // a missing or unreadable secrets key fails startup, not the first run that needs it
  if (config.seed) {
    const inserted = await seedBuiltinTemplates(context)
    if (inserted > 0) logger.info({ inserted }, 'seeded built-in templates')
  }
  const close = async () => {
    await context.runEnds?.stop()
    await replica?.close()
    await db.close()
    await database.stop()
  }
  return { url: database.url, db, context, close }
}

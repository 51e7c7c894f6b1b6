// The dependency bundle every service receives: the database (and its read replica), a logger
// and a clock. Request-scoped contexts (the API's, the /live socket's) extend it.
import type { Db } from '@/db/client'
import type { Clock } from './clock'
import type { Logger } from './logger'

export type ServiceDeps = {
  db: Db
  /** A read replica for analytics and monitoring reads (DATABASE_READ_URL); read through `readDb(deps)`. */
  readDb?: Db
  logger: Logger
  clock: Clock
}

/** Where reports read: the replica when one is configured, else the primary. */
export function readDb(deps: Pick<ServiceDeps, 'db' | 'readDb'>): Db {
  return deps.readDb ?? deps.db
}

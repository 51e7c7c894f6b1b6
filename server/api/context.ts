// What every tRPC procedure receives: its dependencies, passed in rather than imported.
import type { Db } from '@/db/client'
import type { Logger } from '@/server/logger'

export type Clock = { now: () => Date }

export type ApiContext = {
  db: Db
  logger: Logger
  clock: Clock
}

export const systemClock: Clock = { now: () => new Date() }

// What every tRPC procedure receives: its dependencies, passed in rather than imported.
import type { Db } from '@/db/client'
import type { Actor } from '@/server/auth/actor'
import type { AuthSettings, RequestInfo } from '@/server/auth/request-info'
import type { Logger } from '@/server/platform/logger'
import type { RunEndSignals } from '@/server/runner/run-end-signals'

export type Clock = { now: () => Date }

export type ApiContext = {
  db: Db
  /** A read replica for analytics and monitoring reads (DATABASE_READ_URL); read through `readDb(ctx)`. */
  readDb?: Db
  logger: Logger
  clock: Clock
  /** Who is calling; undefined when nobody signed in (server/auth/request-context.ts). */
  actor?: Actor
  /** Absent means authentication is off: every caller may do everything (docs/security.md). */
  auth?: AuthSettings
  /** The HTTP request behind the call; absent for in-process callers (tests, CLI tests). */
  request?: RequestInfo
  /** Wakes callers waiting for a run to end at the commit that ends it; absent: they poll. */
  runEnds?: RunEndSignals
}

export const systemClock: Clock = { now: () => new Date() }

/** Where reports read: the replica when one is configured, else the primary. */
export function readDb(ctx: Pick<ApiContext, 'db' | 'readDb'>): Db {
  return ctx.readDb ?? ctx.db
}

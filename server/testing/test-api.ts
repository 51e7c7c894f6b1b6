// Integration-test helpers: a real database connection and a tRPC caller over it.
import { inject } from 'vitest'
import { connectDatabase, type Database } from '@/db/client'
import type { ApiContext } from '@/server/api/context'
import type { Clock } from '@/server/platform/clock'
import type { RunEndSignals } from '@/server/runner/run-end-signals'
import { createApiCaller } from '@/server/api/root-router'
import { SYSTEM_ACTOR, type Actor } from '@/server/auth/actor'
import type { AuthSettings } from '@/server/auth/request-info'
import { createLogger } from '@/server/platform/logger'

export function connectTestDatabase(): Database {
  return connectDatabase(inject('databaseUrl'), { max: 4 })
}

/**
 * A caller acting as `actor` (the system admin by default, so tests not about access control
 * are unaffected by it); pass `auth: { mode: 'on', ... }` to test the permission matrix.
 */
export function createTestApi(
  database: Database,
  clock: Clock = { now: () => new Date() },
  options: { actor?: Actor | null; auth?: AuthSettings; runEnds?: RunEndSignals } = {},
) {
  const context: ApiContext = {
    db: database.db,
    logger: createLogger('silent'),
    clock,
    actor: options.actor === null ? undefined : (options.actor ?? SYSTEM_ACTOR),
    auth: options.auth,
    ...(options.runEnds ? { runEnds: options.runEnds } : {}),
  }
  return { api: createApiCaller(context), context }
}

/** A unique name so tests never collide with each other's rows. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

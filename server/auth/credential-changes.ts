// Announces, through Postgres NOTIFY, that a user's credentials changed (a session ended, the
// account was disabled, deleted, re-roled or its password reset, a token revoked). Every web node
// listens and closes the /live sockets that no longer pass (live-access.ts). Sent inside the
// caller's transaction when there is one, so listeners see the change committed.
import { sql } from 'drizzle-orm'
import type { Queryable } from '@/server/platform/sql-helpers'

export const CREDENTIALS_CHANNEL = 'relayflow_credentials'

export async function announceCredentialChange(db: Queryable, userId: string): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${CREDENTIALS_CHANNEL}, ${userId})`)
}

// Announces, on the notify bus, that a user's credentials changed (a session ended, the account
// was disabled, deleted, re-roled or its password reset, a token revoked). Every web node listens
// and closes the /live sockets that no longer pass (live-access.ts). Sent inside the caller's
// transaction when there is one, so listeners see the change committed.
import { notify } from '@/server/platform/notify-bus'
import type { Queryable } from '@/server/platform/sql-helpers'

export async function announceCredentialChange(db: Queryable, userId: string): Promise<void> {
  await notify(db, 'credentials', userId)
}

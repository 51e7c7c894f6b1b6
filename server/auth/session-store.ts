// Browser sessions in Postgres. The cookie holds a random token; rows are keyed by its sha256,
// so a leaked database backup holds no usable session.
import { and, eq, gt, isNull, lt } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { authSessions, users } from '@/db/schema'
import type { Actor } from './actor'
import { announceCredentialChange } from './credential-changes'
import { hashOpaqueToken, newOpaqueToken } from './opaque-token'
import { isRole } from './roles'

export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000

type Deps = { db: Db; clock: { now: () => Date } }

export async function createSession(
  deps: Deps,
  userId: string,
  request: { ip?: string; userAgent?: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newOpaqueToken()
  const now = deps.clock.now()
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS)
  await deps.db.insert(authSessions).values({
    tokenHash: hashOpaqueToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: request.ip ?? null,
    userAgent: request.userAgent?.slice(0, 512) ?? null,
  })
  // Expired rows of this user go when they sign in again; nothing else needs a sweeper.
  await deps.db
    .delete(authSessions)
    .where(and(eq(authSessions.userId, userId), lt(authSessions.expiresAt, now)))
  return { token, expiresAt }
}

/** The signed-in user behind a session token, if the session is live and the account enabled. */
export async function resolveSession(deps: Deps, token: string): Promise<Actor | undefined> {
  const tokenHash = hashOpaqueToken(token)
  const [row] = await deps.db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(
      and(
        eq(authSessions.tokenHash, tokenHash),
        gt(authSessions.expiresAt, deps.clock.now()),
        isNull(users.disabledAt),
      ),
    )
  if (!row || !isRole(row.role)) return undefined
  return {
    kind: 'user',
    userId: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    sessionHash: tokenHash,
  }
}

export async function deleteSession(db: Db, sessionHash: string): Promise<void> {
  const ended = await db
    .delete(authSessions)
    .where(eq(authSessions.tokenHash, sessionHash))
    .returning({ userId: authSessions.userId })
  for (const { userId } of ended) await announceCredentialChange(db, userId)
}

/** Signs a user out everywhere (password reset, disabling, role change), /live sockets included. */
export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.userId, userId))
  await announceCredentialChange(db, userId)
}

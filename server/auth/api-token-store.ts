// API tokens for the CLI and automation: scoped to a role no higher than their creator's,
// expiring, stored as sha256, shown once, revocable. At use, a token acts with the lower of its
// role and its owner's current role, and dies with its owner's account.
import { and, desc, eq, gt, isNull, lt, or } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { apiTokens, users } from '@/db/schema'
import type { Actor } from './actor'
import { AuthError } from './auth-errors'
import { announceCredentialChange } from './credential-changes'
import { hashOpaqueToken, newOpaqueToken } from './opaque-token'
import { isRole, isRoleAtLeast, lowerRole, type Role } from './roles'

export const API_TOKEN_PREFIX = 'rft_'
export const MAX_TOKEN_DAYS = 365
const DAY_MS = 24 * 60 * 60 * 1000

type Deps = { db: Db; clock: { now: () => Date } }

export type ApiTokenSummary = {
  id: string
  userId: string
  name: string
  role: string
  tokenHint: string
  expiresAt: Date
  revokedAt: Date | null
  lastUsedAt: Date | null
  createdAt: Date
}

const summaryColumns = {
  id: apiTokens.id,
  userId: apiTokens.userId,
  name: apiTokens.name,
  role: apiTokens.role,
  tokenHint: apiTokens.tokenHint,
  expiresAt: apiTokens.expiresAt,
  revokedAt: apiTokens.revokedAt,
  lastUsedAt: apiTokens.lastUsedAt,
  createdAt: apiTokens.createdAt,
}

export async function createApiToken(
  deps: Deps,
  input: { userId: string; creatorRole: Role; name: string; role: Role; expiresInDays: number },
): Promise<ApiTokenSummary & { token: string }> {
  if (!isRoleAtLeast(input.creatorRole, input.role))
    throw new AuthError('forbidden', `A token cannot have a higher role than yours (${input.creatorRole}).`)
  const token = newOpaqueToken(API_TOKEN_PREFIX)
  const now = deps.clock.now()
  const [row] = await deps.db
    .insert(apiTokens)
    .values({
      userId: input.userId,
      name: input.name,
      role: input.role,
      tokenHash: hashOpaqueToken(token),
      tokenHint: token.slice(-4),
      expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
      createdAt: now,
    })
    .returning(summaryColumns)
  if (!row) throw new Error('insert returned no row')
  return { ...row, token }
}

/** A user's tokens, or everyone's for `userId: undefined` (admins). */
export async function listApiTokens(db: Db, userId: string | undefined): Promise<ApiTokenSummary[]> {
  return db
    .select(summaryColumns)
    .from(apiTokens)
    .where(userId ? eq(apiTokens.userId, userId) : undefined)
    .orderBy(desc(apiTokens.createdAt))
}

/** Revokes a token of `ownerId` (or any token when ownerId is undefined: admins). */
export async function revokeApiToken(
  deps: Deps,
  tokenId: string,
  ownerId: string | undefined,
): Promise<ApiTokenSummary> {
  const [row] = await deps.db
    .update(apiTokens)
    .set({ revokedAt: deps.clock.now() })
    .where(and(eq(apiTokens.id, tokenId), ownerId ? eq(apiTokens.userId, ownerId) : undefined))
    .returning(summaryColumns)
  if (!row) throw new AuthError('not_found', 'There is no such token.')
  await announceCredentialChange(deps.db, row.userId)
  return row
}

/** The actor behind a bearer token, if the token is live and its owner's account enabled. */
export async function resolveApiToken(deps: Deps, token: string): Promise<Actor | undefined> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return undefined
  const now = deps.clock.now()
  const [row] = await deps.db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      userId: users.id,
      email: users.email,
      userRole: users.role,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashOpaqueToken(token)),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, now),
        isNull(users.disabledAt),
      ),
    )
  if (!row || !isRole(row.role) || !isRole(row.userRole)) return undefined
  // Recorded at most once a minute per token, so a busy script does not write on every call.
  const staleBefore = new Date(now.getTime() - 60_000)
  if (!row.lastUsedAt || row.lastUsedAt < staleBefore)
    await deps.db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.id, row.id),
          or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, staleBefore)),
        ),
      )
  return {
    kind: 'token',
    tokenId: row.id,
    tokenName: row.name,
    userId: row.userId,
    email: row.email,
    role: lowerRole(row.role, row.userRole),
  }
}

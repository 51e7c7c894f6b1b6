// Helpers for access-control tests: actors of each role without real accounts, callers with
// auth on, and a way to assert a call was refused with a given code.
import { randomUUID } from 'node:crypto'
import { TRPCError } from '@trpc/server'
import { sql } from 'drizzle-orm'
import { expect } from 'vitest'
import type { Database } from '@/db/client'
import { createTestApi } from '@/server/testing/test-api'
import type { Actor } from '@/server/auth/actor'
import type { Role } from '@/server/auth/roles'
import { createSession } from '@/server/auth/session-store'
import { createUser } from '@/server/auth/user-store'

export const AUTH_ON = { mode: 'on', trustProxy: false } as const

export function userActor(
  role: Role,
  userId: string = randomUUID(),
  email = `${role}-${userId.slice(0, 8)}@example.test`,
): Actor {
  return { kind: 'user', userId, email, name: `${role} user`, role, sessionHash: '' }
}

/** A caller with auth enforced, acting as `actor` (null: nobody signed in). */
export function apiAs(database: Database, actor: Actor | null) {
  return createTestApi(database, undefined, { actor, auth: AUTH_ON }).api
}

export async function errorOf(promise: Promise<unknown>): Promise<TRPCError | undefined> {
  try {
    await promise
    return undefined
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError)
    return error as TRPCError
  }
}

export async function expectRefused(promise: Promise<unknown>, code: TRPCError['code']): Promise<TRPCError> {
  const error = await errorOf(promise)
  expect(error?.code).toBe(code)
  return error as TRPCError
}

/** Tables anywhere in the database with a row whose text contains `needle` (every table, every column). */
export async function tablesContaining(database: Database, needle: string): Promise<string[]> {
  const tables = await database.db.execute<{ name: string }>(
    sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`,
  )
  const found: string[] = []
  for (const { name } of tables) {
    const [row] = await database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(name)} t WHERE t::text LIKE ${`%${needle}%`}`,
    )
    if ((row?.n ?? 0) > 0) found.push(name)
  }
  return found
}

/** A signed-in user of `role` (a real account and session row) as a Cookie header value. */
export async function sessionCookieFor(
  database: Database,
  role: Role,
): Promise<{ cookie: string; userId: string; email: string; token: string }> {
  const deps = { db: database.db, clock: { now: () => new Date() } }
  const email = `${role}-${randomUUID().slice(0, 8)}@example.test`
  const user = await createUser(deps, { email, name: `${role} person`, role, password: 'a long test password' })
  const { token } = await createSession(deps, user.id, {})
  return { cookie: `relayflow_session=${token}`, userId: user.id, email, token }
}

// Accounts: the first admin at setup, then admin-managed users. Every change that could leave
// the system without an enabled admin is refused inside the transaction that would make it.
import { asc, count, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '@/db/client'
import { users } from '@/db/schema'
import { isUniqueViolation } from '@/db/postgres-errors'
import type { Tx } from '@/server/platform/sql-helpers'
import { AuthError } from './auth-errors'
import { announceCredentialChange } from './credential-changes'
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-hash'
import { deleteUserSessions } from './session-store'
import type { Role } from './roles'

export const ZEmail = z.string().trim().toLowerCase().pipe(z.email('Enter an email address.').max(254))
export const ZPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH)
export const ZUserName = z.string().trim().min(1, 'Enter a name.').max(120)

const SETUP_LOCK_KEY = 7_245_017

type Deps = { db: Db; clock: { now: () => Date } }

export type UserSummary = {
  id: string
  email: string
  name: string
  role: string
  disabled: boolean
  lastLoginAt: Date | null
  createdAt: Date
}

const summaryColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  disabledAt: users.disabledAt,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
}

function toSummary(row: { disabledAt: Date | null } & Omit<UserSummary, 'disabled'>): UserSummary {
  const { disabledAt, ...rest } = row
  return { ...rest, disabled: disabledAt !== null }
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users)
  return row?.n ?? 0
}

async function insertUser(
  db: Db | Tx,
  now: Date,
  input: { email: string; name: string; role: Role; password: string },
): Promise<UserSummary> {
  const passwordHash = await hashPassword(input.password)
  try {
    const [row] = await db
      .insert(users)
      .values({
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash,
        createdAt: now,
        updatedAt: now,
      })
      .returning(summaryColumns)
    if (!row) throw new Error('insert returned no row')
    return toSummary(row)
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AuthError('conflict', `An account for ${input.email} exists already.`)
    throw error
  }
}

/** Creates the first admin; refused once any account exists, even when two browsers race. */
export async function setupFirstAdmin(
  deps: Deps,
  input: { email: string; name: string; password: string },
): Promise<UserSummary> {
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK_KEY})`)
    const [existing] = await tx.select({ n: count() }).from(users)
    if ((existing?.n ?? 0) > 0)
      throw new AuthError('setup_done', 'Relayflow is set up already; sign in instead.')
    return insertUser(tx, deps.clock.now(), { ...input, role: 'admin' })
  })
}

export function createUser(
  deps: Deps,
  input: { email: string; name: string; role: Role; password: string },
): Promise<UserSummary> {
  return insertUser(deps.db, deps.clock.now(), input)
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
  const rows = await db.select(summaryColumns).from(users).orderBy(asc(users.email))
  return rows.map(toSummary)
}

export async function findUserForLogin(db: Db, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
  return row
}

/** Refuses when `userId` is the last enabled admin and the change would take that away. */
async function guardLastAdmin(tx: Tx, userId: string): Promise<void> {
  const admins = await tx.execute<{ id: string }>(
    sql`SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`,
  )
  const ids = (admins as unknown as { id: string }[]).map((a) => a.id)
  if (ids.length === 1 && ids[0] === userId)
    throw new AuthError('conflict', 'This is the last enabled admin; make another user an admin first.')
}

export async function updateUser(
  deps: Deps,
  userId: string,
  change: { role?: Role; name?: string; disabled?: boolean },
): Promise<UserSummary> {
  const updated = await deps.db.transaction(async (tx) => {
    if ((change.role !== undefined && change.role !== 'admin') || change.disabled === true)
      await guardLastAdmin(tx, userId)
    const [row] = await tx
      .update(users)
      .set({
        ...(change.role !== undefined ? { role: change.role } : {}),
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.disabled !== undefined ? { disabledAt: change.disabled ? deps.clock.now() : null } : {}),
        updatedAt: deps.clock.now(),
      })
      .where(eq(users.id, userId))
      .returning(summaryColumns)
    if (!row) throw new AuthError('not_found', 'There is no such user.')
    return toSummary(row)
  })
  // A changed role or a disabled account takes effect on the next request, not at the session's end.
  if (change.role !== undefined || change.disabled === true) await deleteUserSessions(deps.db, userId)
  return updated
}

export async function resetPassword(deps: Deps, userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password)
  const [row] = await deps.db
    .update(users)
    .set({ passwordHash, updatedAt: deps.clock.now() })
    .where(eq(users.id, userId))
    .returning({ id: users.id })
  if (!row) throw new AuthError('not_found', 'There is no such user.')
  await deleteUserSessions(deps.db, userId)
}

export async function deleteUser(deps: Deps, userId: string): Promise<{ id: string; email: string }> {
  return deps.db.transaction(async (tx) => {
    await guardLastAdmin(tx, userId)
    const [row] = await tx
      .delete(users)
      .where(eq(users.id, userId))
      .returning({ id: users.id, email: users.email })
    if (!row) throw new AuthError('not_found', 'There is no such user.')
    // Sessions and tokens went with the row (cascade); open /live sockets go at commit.
    await announceCredentialChange(tx, row.id)
    return row
  })
}

export async function markLoggedIn(deps: Deps, userId: string): Promise<void> {
  await deps.db.update(users).set({ lastLoginAt: deps.clock.now() }).where(eq(users.id, userId))
}

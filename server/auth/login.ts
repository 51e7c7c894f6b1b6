// Signing in: throttle admission, password check (the same work whether or not the account exists),
// session creation and the audit trail of successes and failures.
import type { Db } from '@/db/client'
import { recordAudit } from './audit-log'
import { AuthError } from './auth-errors'
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  accountKey,
  addressKey,
  admitLoginAttempt,
  settleSuccessfulLogin,
} from './login-throttle'
import { decoyHash, verifyPassword } from './password-hash'
import { isRole, type Role } from './roles'
import { createSession } from './session-store'
import { findUserForLogin, markLoggedIn } from './user-store'

type Deps = { db: Db; clock: { now: () => Date } }

export interface LoginResult {
  token: string
  expiresAt: Date
  user: { id: string; email: string; name: string; role: Role }
}

const INVALID = 'The email or password is wrong.'

type LoginInput = { email: string; password: string; ip: string; userAgent: string }

export async function login(deps: Deps, input: LoginInput): Promise<LoginResult> {
  const account = accountKey(input.email)
  const address = addressKey(input.ip)
  await admitOrLockOut(deps, input, account, address)
  const user = await findUserForLogin(deps.db, input.email)
  const matches = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()))
  if (!user || !matches || user.disabledAt !== null || !isRole(user.role)) {
    await recordAudit(deps, {
      actor: undefined,
      subject: input.email,
      action: 'auth.login',
      outcome: 'failure',
      targetId: user?.id,
      ip: input.ip,
      details: { reason: !user ? 'unknown_account' : !matches ? 'wrong_password' : 'disabled' },
    })
    throw new AuthError('invalid_credentials', INVALID)
  }
  await settleSuccessfulLogin(deps.db, account, address)
  const session = await createSession(deps, user.id, { ip: input.ip, userAgent: input.userAgent })
  await markLoggedIn(deps, user.id)
  const signedIn = { id: user.id, email: user.email, name: user.name, role: user.role }
  await recordAudit(deps, {
    actor: { kind: 'user', userId: user.id, email: user.email, name: user.name, role: user.role, sessionHash: '' },
    action: 'auth.login',
    outcome: 'success',
    targetId: user.id,
    ip: input.ip,
  })
  return { ...session, user: signedIn }
}

/**
 * Counts the attempt against the account and the address before the password is judged, so
 * concurrent attempts cannot outrun the lock; a locked-out attempt is audited and refused.
 */
async function admitOrLockOut(deps: Deps, input: LoginInput, account: string, address: string): Promise<void> {
  const admission = await admitLoginAttempt(
    deps.db,
    [
      { key: account, policy: ACCOUNT_POLICY },
      { key: address, policy: ADDRESS_POLICY },
    ],
    deps.clock.now(),
  )
  if (admission.admitted) return
  const seconds = Math.ceil(admission.retryAfterMs / 1000)
  await recordAudit(deps, {
    actor: undefined,
    subject: input.email,
    action: 'auth.login',
    outcome: 'denied',
    ip: input.ip,
    details: { reason: 'locked_out', retryAfterSeconds: seconds },
  })
  throw new AuthError('locked_out', `Too many failed sign-ins; try again in ${seconds} seconds.`, seconds)
}

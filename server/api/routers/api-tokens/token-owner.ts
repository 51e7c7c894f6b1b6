// Whose tokens a call manages: the signed-in user. Tokens cannot mint tokens (a leaked token
// must not be able to outlive its own revocation), and without a user there is no owner.
import type { ApiContext } from '@/server/api/context'
import { AuthError } from '@/server/auth/auth-errors'
import type { Role } from '@/server/auth/roles'

export function tokenOwner(ctx: ApiContext): { userId: string; role: Role } {
  const actor = ctx.actor
  if (actor?.kind === 'user') return { userId: actor.userId, role: actor.role }
  if (actor?.kind === 'token')
    throw new AuthError('forbidden', 'API tokens cannot manage API tokens; sign in to the web app instead.')
  throw new AuthError('unauthenticated', 'Sign in to manage API tokens: a token belongs to a user.')
}

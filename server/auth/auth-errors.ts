// Errors of accounts, tokens and secrets, with a closed set of codes mapped to tRPC codes once.
import { TRPCError } from '@trpc/server'
import { assertNever } from '@/server/engine/errors'

export type AuthErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'invalid_credentials'
  | 'locked_out'
  | 'setup_done'
  | 'invalid_input'
  | 'not_found'
  | 'conflict'

export class AuthError extends Error {
  override readonly name = 'AuthError'
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    /** For locked_out: seconds until another attempt is accepted. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
  }
}

function trpcCodeFor(code: AuthErrorCode): TRPCError['code'] {
  switch (code) {
    case 'unauthenticated':
    case 'invalid_credentials':
      return 'UNAUTHORIZED'
    case 'forbidden':
      return 'FORBIDDEN'
    case 'locked_out':
      return 'TOO_MANY_REQUESTS'
    case 'setup_done':
    case 'conflict':
      return 'CONFLICT'
    case 'invalid_input':
      return 'BAD_REQUEST'
    case 'not_found':
      return 'NOT_FOUND'
    default:
      return assertNever(code, 'auth error code')
  }
}

export function authErrorToTRPC(error: AuthError): TRPCError {
  return new TRPCError({ code: trpcCodeFor(error.code), message: error.message, cause: error })
}

// What the tRPC middleware does around every procedure: refuse callers the permission matrix
// does not allow (when auth is on), run the secrets pre-flight, and append mutations and refusals
// to the audit log. Kept here so server/api/trpc.ts only wires it in.
import { type TRPCError } from '@trpc/server'
import { recordAudit, type AuditOutcome } from './audit-log'
import { AuthError } from './auth-errors'
import { canCall, isPublicPath, PERSON_ONLY_PATHS, requiredRole } from './permissions'
import { isAuthEnforced, type CallContext } from './request-info'

/** Throws unauthenticated/forbidden when auth is on and the caller may not call `path`. */
export function authorizeCall(ctx: CallContext, path: string): void {
  if (!isAuthEnforced(ctx.auth) || isPublicPath(path)) return
  const actor = ctx.actor
  if (!actor)
    throw new AuthError('unauthenticated', 'Sign in first, or pass an API token (Authorization: Bearer …).')
  if (!canCall(actor.role, path))
    throw new AuthError(
      'forbidden',
      `Your role (${actor.role}) cannot do this; it needs ${requiredRole(path)} or higher.`,
    )
  if (actor.kind === 'token' && PERSON_ONLY_PATHS.has(path))
    throw new AuthError(
      'forbidden',
      'API tokens cannot manage accounts or tokens; sign in to the web app as a person to do this.',
    )
}

/** Mutations whose audit entry is written by the procedure itself, or that change nothing. */
const NOT_AUDITED = new Set(['auth.login', 'workflows.validate'])
const TARGET_KEYS = ['id', 'executionId', 'workflowId', 'deviceId', 'tokenId', 'userId', 'name'] as const
/** Input fields safe and useful to keep; never values, passwords or whole documents. */
const DETAIL_KEYS = [
  'role',
  'name',
  'email',
  'version',
  'stepId',
  'disabled',
  'workflowId',
  'enabled',
] as const

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

function targetIdOf(input: Record<string, unknown>, output: Record<string, unknown>): string | undefined {
  for (const source of [output, input])
    for (const key of TARGET_KEYS) {
      const value = source[key]
      if (typeof value === 'string' && value.length <= 200) return value
    }
  return undefined
}

function detailsOf(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of DETAIL_KEYS) {
    const value = input[key]
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value
  }
  return out
}

export type CallOutcome = { ok: true; data: unknown } | { ok: false; error: TRPCError }

function outcomeOf(result: CallOutcome): { outcome: AuditOutcome; code?: string } {
  if (result.ok) return { outcome: 'success' }
  const cause = result.error.cause
  const denied =
    (cause instanceof AuthError && (cause.code === 'forbidden' || cause.code === 'unauthenticated')) ||
    result.error.code === 'FORBIDDEN' ||
    result.error.code === 'UNAUTHORIZED'
  return {
    outcome: denied ? 'denied' : 'failure',
    code: cause instanceof AuthError ? cause.code : result.error.code,
  }
}

/** Appends the call to the audit log when it is a mutation or was refused. Never throws. */
export async function auditCall(
  ctx: CallContext,
  call: { path: string; type: string; input: unknown; result: CallOutcome },
): Promise<void> {
  const { outcome, code } = outcomeOf(call.result)
  if (NOT_AUDITED.has(call.path)) return
  if (call.type !== 'mutation' && outcome !== 'denied') return
  const input = record(call.input)
  const output = call.result.ok ? record(call.result.data) : {}
  try {
    await recordAudit(ctx, {
      actor: ctx.actor,
      action: call.path,
      outcome,
      targetId: targetIdOf(input, output),
      ip: ctx.request?.ip,
      details: { ...detailsOf(input), ...(code ? { error: code } : {}) },
    })
  } catch (error) {
    ctx.logger.error({ err: error, path: call.path }, 'could not write the audit log')
  }
}

// tRPC initialisation. Domain errors are mapped to tRPC codes here, once; validation
// failures travel to the client as `data.issues` with every problem found.
import { TRPCError, getTRPCErrorFromUnknown, initTRPC } from '@trpc/server'
import { ZodError } from 'zod'
import { WorkflowError } from '@/server/engine/errors'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import type { ApiContext } from './context'
import { isUntranslatableCharacter } from '@/db/postgres-errors'
import { toTRPCError, zodIssuesToWorkflowIssues } from './error-mapping'
import { assertSafeInput } from './input-guard'
import { apiTransformer } from './response-transformer'
import { AuthError, authErrorToTRPC } from '@/server/auth/auth-errors'
import { auditCall, authorizeCall } from '@/server/auth/procedure-guard'
import { redactDeviceData } from '@/server/secrets/response-redaction'
import { preflightSecrets, withUnknownSecretIssues } from '@/server/secrets/secret-preflight'

const INTERNAL_MESSAGE = 'Something went wrong on the server. The error was logged; please try again.'

const t = initTRPC.context<ApiContext>().create({
  transformer: apiTransformer,
  errorFormatter({ shape, error }) {
    const cause = error.cause
    let issues: WorkflowIssue[] | undefined
    if (cause instanceof WorkflowError) issues = cause.issues
    else if (cause instanceof ZodError) issues = zodIssuesToWorkflowIssues(cause)
    const message = error.code === 'INTERNAL_SERVER_ERROR' ? INTERNAL_MESSAGE : shape.message
    return { ...shape, message, data: { ...shape.data, stack: undefined, issues } }
  },
})

/** Converts thrown domain errors to tRPC errors so every procedure maps them the same way. */
const mapDomainErrors = t.middleware(async ({ next, ctx, path }) => {
  const result = await next()
  if (result.ok) return result
  const cause = result.error.cause
  if (cause instanceof WorkflowError) return { ...result, error: toTRPCError(cause) }
  if (cause instanceof AuthError) return { ...result, error: authErrorToTRPC(cause) }
  if (isUntranslatableCharacter(cause)) {
    const message = 'A text field contains a NUL character (U+0000), which cannot be stored; remove it.'
    return { ...result, error: new TRPCError({ code: 'BAD_REQUEST', message, cause }) }
  }
  if (result.error.code === 'INTERNAL_SERVER_ERROR') {
    ctx.logger.error({ err: cause ?? result.error, path }, 'api procedure failed')
  }
  return result
})

/**
 * Every procedure's access control, in one place: the permission matrix (server/auth/permissions.ts)
 * when auth is on, the shared JSON guard on the raw input (input-guard.ts), the secrets pre-flight,
 * and the audit log of mutations and refusals.
 */
const guardAccess = t.middleware(async ({ next, ctx, path, type, getRawInput }) => {
  const input = await getRawInput().catch(() => undefined)
  let result: Awaited<ReturnType<typeof next>>
  try {
    authorizeCall(ctx, path)
    assertSafeInput(input)
    await preflightSecrets(ctx, path, input)
    result = await next()
  } catch (error) {
    const trpcError = getTRPCErrorFromUnknown(error)
    await auditCall(ctx, { path, type, input, result: { ok: false, error: trpcError } })
    throw error
  }
  await auditCall(ctx, { path, type, input, result })
  if (!result.ok) return result
  if (path === 'workflows.validate')
    return { ...result, data: await withUnknownSecretIssues(ctx, input, result.data) }
  return { ...result, data: await redactDeviceData(ctx.db, path, result.data) }
})

export const router = t.router
export const publicProcedure = t.procedure.use(mapDomainErrors).use(guardAccess)
export const createCallerFactory = t.createCallerFactory

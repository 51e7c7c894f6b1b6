// The one place where domain error codes become tRPC codes.
import { TRPCError } from '@trpc/server'
import type { ZodError } from 'zod'
import { assertNever, type WorkflowError, type WorkflowErrorCode } from '@/server/engine/errors'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'

function trpcCodeFor(code: WorkflowErrorCode): TRPCError['code'] {
  switch (code) {
    case 'invalid_workflow':
    case 'invalid_template':
    case 'invalid_inputs':
    case 'invalid_input':
    case 'expression_error':
    case 'template_error':
      return 'BAD_REQUEST'
    case 'not_found':
      return 'NOT_FOUND'
    case 'conflict':
      return 'CONFLICT'
    case 'no_capable_device':
      return 'PRECONDITION_FAILED'
    default:
      return assertNever(code, 'workflow error code')
  }
}

export function toTRPCError(error: WorkflowError): TRPCError {
  return new TRPCError({ code: trpcCodeFor(error.code), message: error.message, cause: error })
}

/** tRPC input errors use the same issue shape as workflow validation, naming each field. */
export function zodIssuesToWorkflowIssues(error: ZodError): WorkflowIssue[] {
  return error.issues.map((i) => ({
    code: 'schema_error',
    message: `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`,
    path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
    severity: 'error',
  }))
}

// Domain errors raised by the workflow engine. The code set is closed so the API
// boundary can map every code to a transport status exactly once.
import type { WorkflowIssue } from './workflow-issues'

export type WorkflowErrorCode =
  | 'invalid_workflow'
  | 'invalid_template'
  | 'invalid_inputs'
  /** A request's JSON is unsafe to store or process (too deep, lone surrogates, NUL): json-guard.ts. */
  | 'invalid_input'
  | 'expression_error'
  | 'template_error'
  | 'not_found'
  | 'conflict'
  /** The fleet has no device that can run a step (pre-flight at run start). */
  | 'no_capable_device'

export class WorkflowError extends Error {
  override readonly name = 'WorkflowError'
  readonly code: WorkflowErrorCode
  readonly issues: WorkflowIssue[] | undefined

  constructor(
    code: WorkflowErrorCode,
    message: string,
    options?: { issues?: WorkflowIssue[]; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.issues = options?.issues
  }
}

/** Ends exhaustive switches: the compiler proves the value is `never`. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`)
}

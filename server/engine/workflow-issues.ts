// The issue model shared by validateWorkflow, templates and run-input validation.

import type { JsonProblem, JsonProblemKind } from '@/contracts/json-guard'

export type WorkflowIssueCode =
  | 'schema_error'
  | 'unknown_step_type'
  | 'document_too_large'
  | 'duplicate_step_id'
  | 'dangling_reference'
  | 'self_dependency'
  | 'cycle'
  | 'unreachable_step'
  | 'invalid_edge_kind'
  | 'conflicting_edge'
  | 'invalid_expression'
  | 'unterminated_template'
  | 'unknown_input'
  | 'unknown_variable'
  | 'unknown_step_reference'
  | 'step_not_upstream'
  | 'item_outside_parallel'
  | 'invalid_step_params'
  | 'invalid_duration'
  | 'invalid_input_schema'
  | 'timeout_exceeds_workflow'
  | 'invalid_run_input'
  | 'invalid_template_variable'
  | 'unknown_placeholder'
  | 'duplicate_name'
  | 'invalid_character'
  | 'too_deeply_nested'
  | 'unknown_secret'
  | 'secret_not_allowed'
  | 'no_capable_device'
  | 'no_online_device'
  | 'unknown_workflow'
  | 'workflow_call_cycle'
  | 'workflow_calls_too_deep'

export type WorkflowIssueSeverity = 'error' | 'warning'

export interface WorkflowIssue {
  code: WorkflowIssueCode
  /** Human readable: says what is wrong and what to do. */
  message: string
  /** Location in the document, e.g. ['steps', 3, 'retryPolicy', 'maxAttempts']. */
  path: (string | number)[]
  stepId?: string
  severity: WorkflowIssueSeverity
  /** Character offsets inside the expression or template string at `path`. */
  range?: { start: number; end: number }
}

export type IssueInit = Omit<WorkflowIssue, 'severity'> & { severity?: WorkflowIssueSeverity }

export function issue(init: IssueInit): WorkflowIssue {
  const out: WorkflowIssue = {
    code: init.code,
    message: init.message,
    path: init.path,
    severity: init.severity ?? 'error',
  }
  if (init.stepId !== undefined) out.stepId = init.stepId
  if (init.range !== undefined) out.range = init.range
  return out
}

/** Renders a path like `steps[3].retryPolicy.maxAttempts`. */
export function formatIssuePath(path: readonly (string | number | symbol)[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? String(part) : `.${String(part)}`
  }
  return out === '' ? '(document)' : out
}

const ISSUE_CODES: Record<JsonProblemKind, WorkflowIssueCode> = {
  too_deep: 'too_deeply_nested',
  lone_surrogate: 'invalid_character',
  nul_character: 'invalid_character',
  too_large: 'document_too_large',
}

/** The problem as a validation issue; `code` overrides the issue code (e.g. `invalid_run_input`). */
export function jsonProblemIssue(found: JsonProblem, code?: WorkflowIssueCode): WorkflowIssue {
  return issue({ code: code ?? ISSUE_CODES[found.kind], message: found.message, path: found.path })
}

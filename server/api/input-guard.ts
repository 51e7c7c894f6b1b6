// Every tRPC input passes the shared JSON guard (contracts/json-guard.ts) before its procedure,
// its zod schema or the secrets pre-flight see it: a value nested 5,000 deep, a lone surrogate or a
// NUL is refused as BAD_REQUEST naming the field, and nothing is written.
import { TRPCError } from '@trpc/server'
import { WorkflowError } from '@/server/engine/errors'
import { describeJsonProblems, findJsonProblems, MAX_JSON_DEPTH } from '@/contracts/json-guard'
import { jsonProblemIssue } from '@/server/engine/workflow-issues'

export function assertSafeInput(input: unknown): void {
  // The input object wraps the values it carries (`definition`, `inputs`, `payload`), which may
  // themselves nest MAX_JSON_DEPTH deep, as they may when they arrive any other way.
  const problems = findJsonProblems(input, { maxDepth: MAX_JSON_DEPTH + 1 })
  if (problems.length === 0) return
  const cause = new WorkflowError('invalid_input', describeJsonProblems(problems), {
    issues: problems.map((found) => jsonProblemIssue(found)),
  })
  throw new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause })
}

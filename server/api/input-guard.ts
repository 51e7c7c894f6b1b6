// Every tRPC input passes the shared JSON guard (server/engine/json-guard.ts) before its procedure,
// its zod schema or the secrets pre-flight see it: a value nested 5,000 deep, a lone surrogate or a
// NUL is refused as BAD_REQUEST naming the field, and nothing is written.
import { TRPCError } from '@trpc/server'
import { WorkflowError } from '@/server/engine/errors'
import { describeJsonProblems, findJsonProblems, jsonProblemIssue } from '@/server/engine/json-guard'

export function assertSafeInput(input: unknown): void {
  const problems = findJsonProblems(input)
  if (problems.length === 0) return
  const cause = new WorkflowError('invalid_input', describeJsonProblems(problems), {
    issues: problems.map((found) => jsonProblemIssue(found)),
  })
  throw new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause })
}

// What one step attempt produces, whatever its type. Both the executors' contract
// (step-executor.ts) and the runner's ports (ports.ts: secrets redact it) name it, so it lives
// below both of them.
import type { StepError } from '@/server/engine/run/run-status'

export type StepResult =
  | { kind: 'succeeded'; output: unknown; conditionResult?: boolean }
  | { kind: 'failed'; error: StepError; output?: unknown }
  /** Park the step: a timer (`runAt`) or a signal (no runAt, or runAt as the signal's deadline). */
  | { kind: 'waiting'; runAt: Date | null; input: Record<string, unknown> }

// How a run that succeeded through its failure handlers is described, in the UI and the CLI alike.
import type { ExecutionStatus } from '@/server/engine/run/run-status'

/** True for a run that succeeded only because failure edges handled failures: not a clean success. */
export function hasHandledFailures(run: { status: ExecutionStatus; handledFailures: number }): boolean {
  return run.status === 'succeeded' && run.handledFailures > 0
}

export function handledFailuresText(count: number): string {
  return `with ${count} handled failure${count === 1 ? '' : 's'}`
}

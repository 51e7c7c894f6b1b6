// The end of a drain on stop: attempts still running after drainMs are aborted and their leases
// returned to ready at once, so another runner takes them without waiting for the leases to expire.
import type { StepError } from '@/server/engine/run/run-status'
import type { InFlightSteps } from './in-flight-steps'
import type { RunnerResources } from './runner-resources'
import { reapExpiredLeases } from './step-queue'

/** Schedules the release; the returned function cancels it (the drain finished in time). */
export function releaseLeasesAfterDrain(resources: RunnerResources, inFlight: InFlightSteps): () => void {
  const { db, clock, log, config } = resources
  const timer = setTimeout(() => {
    const tokens = inFlight.abandonUnfinished({
      code: 'runner_stopping',
      message: 'The runner is shutting down.',
      retryable: true,
    } satisfies StepError)
    void reapExpiredLeases(db, clock.now(), tokens.length, tokens).catch((error: unknown) =>
      log.warn({ err: error }, 'could not release leases on stop; they expire on their own'),
    )
  }, config.drainMs)
  return () => clearTimeout(timer)
}

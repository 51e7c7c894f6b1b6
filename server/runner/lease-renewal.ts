// Keeps the leases of running attempts alive (every third of the lease) and aborts attempts whose
// leases are gone: the run was cancelled or another runner reclaimed the step.
import type { StepError } from '@/server/engine/run/run-status'
import type { InFlightSteps } from './in-flight-steps'
import type { RunnerResources } from './runner-resources'
import { renewLeases } from './step-queue'

export class LeaseRenewal {
  private lastRenew = 0

  constructor(
    private readonly resources: RunnerResources,
    private readonly inFlight: InFlightSteps,
  ) {}

  isDue(): boolean {
    return Date.now() - this.lastRenew >= this.resources.config.leaseMs / 3
  }

  /** Steps were cancelled somewhere: renew (and so find lost leases) on the next pass. */
  requestNow(): void {
    this.lastRenew = 0
  }

  async renew(): Promise<void> {
    this.lastRenew = Date.now()
    const { db, clock, config } = this.resources
    const lost = await renewLeases(db, this.inFlight.heldLeaseTokens(), clock.now(), config.leaseMs)
    this.inFlight.abandon(lost, {
      code: 'lease_lost',
      message: 'The run was cancelled or the step was reclaimed.',
      retryable: false,
    } satisfies StepError)
  }
}

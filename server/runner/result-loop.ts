// The second loop beside claiming: stores results, renews leases and sweeps, woken when attempts
// finish; on stop it runs until every in-flight attempt's result is stored or dropped.
import type { Wakeup } from '@/server/platform/wakeup'
import type { CompletionFlush } from './completion-flush'
import type { InFlightSteps } from './in-flight-steps'
import type { LeaseRenewal } from './lease-renewal'
import { backoffMs, type RunnerResources } from './runner-resources'
import type { Sweeper } from './sweeper'

export class ResultLoop {
  constructor(
    private readonly resources: RunnerResources,
    private readonly inFlight: InFlightSteps,
    /** Woken when a result is queued, on stop, and when leases should be checked at once. */
    private readonly wakeup: Wakeup,
    private readonly systems: { flush: CompletionFlush; renewal: LeaseRenewal; sweeper: Sweeper },
  ) {}

  async run(): Promise<void> {
    const { log, lifecycle, config } = this.resources
    const { flush, renewal, sweeper } = this.systems
    let failures = 0
    while (!lifecycle.stopping || this.inFlight.hasWork()) {
      let flushed = 0
      try {
        flushed = await flush.flush()
        if (renewal.isDue()) await renewal.renew()
        if (!lifecycle.stopping && sweeper.isDue()) await sweeper.sweep()
        failures = 0
      } catch (error) {
        failures++
        log.error({ err: error, failures }, 'applying step results failed; retrying')
        await this.wakeup.wait(backoffMs(failures))
        continue
      }
      if (flushed === 0) await this.wakeup.wait(Math.min(lifecycle.stopping ? 50 : config.pollMs, config.leaseMs / 3))
    }
  }
}

// The claiming loop: while slots are free, claims due steps under a lease and launches them; sleeps
// until woken (steps became ready, slots freed) or the poll interval passes.
import { Wakeup } from '@/server/platform/wakeup'
import type { InFlightSteps } from './in-flight-steps'
import { backoffMs, type RunnerResources } from './runner-resources'
import type { StepLauncher } from './step-launcher'
import { claimReadySteps } from './step-queue'

export class ClaimLoop {
  private readonly wakeup = new Wakeup()

  constructor(
    private readonly resources: RunnerResources,
    private readonly inFlight: InFlightSteps,
    private readonly launcher: StepLauncher,
  ) {}

  wake(): void {
    this.wakeup.wake()
  }

  async run(): Promise<void> {
    const { log, lifecycle, config } = this.resources
    let failures = 0
    while (!lifecycle.stopping) {
      let claimed = 0
      try {
        claimed = await this.claimAndStart()
        failures = 0
      } catch (error) {
        failures++
        log.error({ err: error, failures }, 'claiming steps failed; retrying')
        await this.wakeup.wait(backoffMs(failures))
        continue
      }
      if (claimed === 0) await this.wakeup.wait(config.pollMs)
    }
  }

  private async claimAndStart(): Promise<number> {
    const { db, clock, config, lifecycle } = this.resources
    const free = config.maxInFlight - this.inFlight.size
    if (free <= 0 || lifecycle.stopping) return 0
    const now = clock.now()
    // Claim, what templates read, and step.running: one transaction, so one commit per batch.
    const prepared = await db.transaction(async (tx) =>
      this.launcher.prepare(tx, await claimReadySteps(tx, config.owner, free, now, config.leaseMs), now),
    )
    if (prepared) this.launcher.launch(prepared)
    return prepared?.claims.length ?? 0
  }
}

// Stores finished attempts' results in batched transactions. Successors a batch readies are
// claimed, prepared and recorded as started in the same transaction and launched right after
// commit: no NOTIFY round trip, no other commit.
import type { ClaimLoop } from './claim-loop'
import type { InFlightSteps } from './in-flight-steps'
import type { QueuedRunAdmission } from './queued-run-admission'
import { ResultQuarantine } from './result-quarantine'
import type { RunnerResources } from './runner-resources'
import { applyCompletions } from './step-completion'
import type { PreparedClaims, StepLauncher } from './step-launcher'

export class CompletionFlush {
  private readonly quarantine: ResultQuarantine

  constructor(
    private readonly resources: RunnerResources,
    private readonly inFlight: InFlightSteps,
    private readonly siblings: { launcher: StepLauncher; admission: QueuedRunAdmission; claims: ClaimLoop },
  ) {
    this.quarantine = new ResultQuarantine(resources.log)
  }

  /** Stores one batch of pending results; returns how many (0 when none were waiting). */
  async flush(): Promise<number> {
    const { inFlight, quarantine, siblings } = this
    if (inFlight.pendingResults === 0) return 0
    const batch = inFlight.takeResults(quarantine.batchSize(inFlight.pendingResults))
    let claimed: PreparedClaims | undefined
    try {
      claimed = await this.store(batch)
    } catch (error) {
      inFlight.returnResults(batch)
      quarantine.failed(batch, error)
      throw error
    }
    quarantine.stored()
    inFlight.settle(batch)
    if (claimed) siblings.launcher.launch(claimed)
    siblings.claims.wake() // slots freed, and successors may be ready
    return batch.length
  }

  private async store(batch: Parameters<typeof applyCompletions>[2]): Promise<PreparedClaims | undefined> {
    const { db, clock, config, definitions, random, lifecycle, log } = this.resources
    const eager = lifecycle.stopping
      ? undefined
      : { owner: config.owner, leaseMs: config.leaseMs, limit: config.maxInFlight - this.inFlight.size + batch.length }
    const now = clock.now()
    const outcome = await db.transaction(async (tx) => {
      const applied = await applyCompletions(tx, { cache: definitions, now, random }, batch, eager)
      return { applied, prepared: await this.siblings.launcher.prepare(tx, applied.claimed, now) }
    })
    if (outcome.applied.limitedRunsEnded > 0) this.siblings.admission.request()
    for (const c of outcome.applied.discarded)
      log.warn(
        { executionId: c.executionId, stepId: c.stepId },
        'discarded a step result: the lease was lost (step reclaimed or run stopped)',
      )
    return outcome.prepared
  }
}

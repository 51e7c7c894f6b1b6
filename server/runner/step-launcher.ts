// Turns claimed steps into running attempts: inside the claiming transaction it loads what they
// need (definitions, template contexts, secrets) and records their starts; after commit it runs
// each attempt and queues its redacted result for the completion flush.
import type { ExpressionContext } from '@/server/engine/expressions'
import type { CompiledRun } from '@/server/engine/run/compiled-run'
import type { Tx } from '@/server/platform/sql-helpers'
import type { InFlight, InFlightSteps } from './in-flight-steps'
import type { ClaimedStep } from './ports'
import type { RunnerResources } from './runner-resources'
import { runAttempt, type AttemptDeps } from './step-attempt'
import { loadStepContexts } from './step-context'
import { recordStarts } from './step-queue'

export interface PreparedClaims {
  claims: ClaimedStep[]
  runs: Map<string, CompiledRun>
  contexts: Map<ClaimedStep, ExpressionContext>
}

export class StepLauncher {
  private readonly attemptDeps: AttemptDeps

  constructor(
    private readonly resources: RunnerResources,
    private readonly inFlight: InFlightSteps,
    /** Told when a result is queued (the result loop wakes). */
    private readonly onResult: () => void,
  ) {
    const { devices, clock, log, config, db } = resources
    // step.running is recorded in the claiming transaction, before the attempt starts, so events the
    // attempt writes (step.awaiting_device) always follow it.
    this.attemptDeps = { devices, now: () => clock.now(), log, maxInterruptions: config.maxInterruptions, db }
  }

  /** Loads what claimed steps need (definitions, expression contexts) and records their starts. */
  async prepare(tx: Tx, claims: ClaimedStep[], now: Date): Promise<PreparedClaims | undefined> {
    if (claims.length === 0) return undefined
    const { definitions, secrets, config } = this.resources
    const runs = await definitions.load(tx, [...new Set(claims.map((c) => c.executionId))])
    const contexts = await loadStepContexts(tx, claims, runs, secrets)
    await recordStarts(tx, claims, config.owner, now)
    return { claims, runs, contexts }
  }

  launch({ claims, runs, contexts }: PreparedClaims): void {
    for (const claim of claims) this.start(this.inFlight.track(claim), runs.get(claim.executionId), contexts.get(claim))
  }

  private start(entry: InFlight, run: CompiledRun | undefined, context: ExpressionContext | undefined): void {
    const { claim } = entry
    void runAttempt(this.attemptDeps, claim, entry.controller, run, context).then((raw) => {
      const result = this.resources.secrets.redact(raw, context)
      if (entry.dropped) {
        this.inFlight.forget(claim.leaseToken)
        return
      }
      this.inFlight.complete({
        executionId: claim.executionId,
        stepId: claim.stepId,
        rowId: claim.rowId,
        leaseToken: claim.leaseToken,
        result,
      })
      this.onResult()
    })
  }
}

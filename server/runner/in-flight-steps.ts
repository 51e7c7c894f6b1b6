// The attempts this runner is executing and the results waiting to be stored: what the launcher
// fills and the completion flush, lease renewal and the drain on stop read.
import type { StepError } from '@/server/engine/run/run-status'
import type { ClaimedStep } from './ports'
import type { Completion } from './step-completion'

export interface InFlight {
  claim: ClaimedStep
  controller: AbortController
  /** The lease was lost (cancelled run, reclaimed step) or released on stop: drop the result. */
  dropped: boolean
}

export class InFlightSteps {
  private readonly entries = new Map<string, InFlight>()
  private completions: Completion[] = []

  get size(): number {
    return this.entries.size
  }

  get pendingResults(): number {
    return this.completions.length
  }

  /** Attempts still running or results not yet stored: the result loop keeps going on stop. */
  hasWork(): boolean {
    return this.entries.size > 0 || this.completions.length > 0
  }

  track(claim: ClaimedStep): InFlight {
    const entry: InFlight = { claim, controller: new AbortController(), dropped: false }
    this.entries.set(claim.leaseToken, entry)
    return entry
  }

  forget(leaseToken: string): void {
    this.entries.delete(leaseToken)
  }

  /** Queues a finished attempt's result for the next flush. */
  complete(completion: Completion): void {
    this.completions.push(completion)
  }

  takeResults(count: number): Completion[] {
    const batch = this.completions.slice(0, count)
    this.completions = this.completions.slice(count)
    return batch
  }

  /** A batch that could not be stored goes back to the front, to be tried again. */
  returnResults(batch: Completion[]): void {
    this.completions = [...batch, ...this.completions]
  }

  /** The batch is stored: its attempts no longer hold slots. */
  settle(batch: readonly Completion[]): void {
    for (const c of batch) this.entries.delete(c.leaseToken)
  }

  heldLeaseTokens(): string[] {
    return [...this.entries.values()].filter((e) => !e.dropped).map((e) => e.claim.leaseToken)
  }

  /** Aborts the attempts whose leases are gone; one with a result already queued is left to the flush. */
  abandon(leaseTokens: Iterable<string>, reason: StepError): void {
    for (const token of leaseTokens) {
      const entry = this.entries.get(token)
      if (!entry || this.hasResult(token)) continue
      entry.dropped = true
      entry.controller.abort(reason)
    }
  }

  /** Aborts every attempt without a queued result (stop); returns the lease tokens to release. */
  abandonUnfinished(reason: StepError): string[] {
    const release = [...this.entries.values()].filter((e) => !e.dropped && !this.hasResult(e.claim.leaseToken))
    for (const entry of release) {
      entry.dropped = true
      entry.controller.abort(reason)
    }
    return release.map((e) => e.claim.leaseToken)
  }

  private hasResult(leaseToken: string): boolean {
    return this.completions.some((c) => c.leaseToken === leaseToken)
  }
}

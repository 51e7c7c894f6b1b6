// Starts queued runs of concurrency-limited workflows when runs end, off the result path: one pass
// at a time, another pass if more runs ended meanwhile; errors are only logged (the sweep retries).
import type { RunnerResources } from './runner-resources'
import { startQueuedRuns } from './run-admission'

export class QueuedRunAdmission {
  private admitting: Promise<void> | undefined
  private admitAgain = false

  constructor(private readonly resources: RunnerResources) {}

  /** Runs ended, so queued runs of limited workflows may start. */
  request(): void {
    if (this.admitting) {
      this.admitAgain = true
      return
    }
    const { db, clock, definitions, lifecycle, log } = this.resources
    this.admitting = (async () => {
      do {
        this.admitAgain = false
        await startQueuedRuns({ db, now: () => clock.now(), cache: definitions })
      } while (this.admitAgain && !lifecycle.stopping)
    })()
      .catch((error: unknown) => log.warn({ err: error }, 'could not start queued runs; the sweep retries'))
      .finally(() => (this.admitting = undefined))
  }

  /** Resolves when the pass under way (if any) is over. */
  async settled(): Promise<void> {
    await this.admitting
  }
}

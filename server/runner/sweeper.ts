// The periodic sweep: returns steps with expired leases to ready, times out runs past their
// deadline, starts queued runs, and now and then refreshes stale queue-table statistics.
import { startQueuedRuns } from './run-admission'
import { timeOutExpiredRuns } from './run-store'
import type { RunnerResources } from './runner-resources'
import { reapExpiredLeases } from './step-queue'
import { analyzeChangedQueueTables } from './table-statistics'

/** How often the sweep looks for queue tables whose statistics went stale (table-statistics.ts). */
const ANALYZE_CHECK_MS = 10_000

export class Sweeper {
  private lastSweep = 0
  private lastAnalyze = 0

  constructor(private readonly resources: RunnerResources) {}

  isDue(): boolean {
    return Date.now() - this.lastSweep >= this.resources.config.sweepMs
  }

  async sweep(): Promise<void> {
    this.lastSweep = Date.now()
    const { db, clock, log, definitions } = this.resources
    const reaped = await reapExpiredLeases(db, clock.now())
    if (reaped > 0) log.warn({ reaped }, 'returned steps with expired leases to ready')
    await timeOutExpiredRuns({ db, clock })
    await startQueuedRuns({ db, now: () => clock.now(), cache: definitions })
    if (Date.now() - this.lastAnalyze >= ANALYZE_CHECK_MS) this.refreshStatistics()
  }

  /** Off the result path: an ANALYZE of a large table takes a while, and only plans wait for it. */
  private refreshStatistics(): void {
    this.lastAnalyze = Date.now()
    const { db, log } = this.resources
    analyzeChangedQueueTables(db)
      .then((analyzed) => {
        if (analyzed.length > 0) log.info({ analyzed }, 'analyzed queue tables (autovacuum is off)')
      })
      .catch((error: unknown) => log.warn({ err: error }, 'could not analyze queue tables'))
  }
}

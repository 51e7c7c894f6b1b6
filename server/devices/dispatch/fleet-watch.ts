// The driver's copy of the registry over time: refreshes of the DeviceSnapshot run one at a time
// (a request during a refresh runs another right after, so no change is missed), and dispatches
// with no capable device online wait for the next refresh (a registry NOTIFY triggers one).
import type { Logger } from '@/server/platform/logger'
import type { DeviceSnapshot } from './device-snapshot'

export class FleetWatch {
  private refreshing: Promise<void> | undefined
  private refreshAgain = false
  private readonly waiting = new Set<() => void>()

  constructor(
    readonly snapshot: DeviceSnapshot,
    private readonly log: Logger,
  ) {}

  /** Re-reads the registry (joining a refresh in progress, then one more); waiters wake after it. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true
      return this.refreshing
    }
    this.refreshing = this.snapshot
      .refresh()
      .catch((error: unknown) => this.log.warn({ err: error }, 'refreshing the device registry failed'))
      .finally(() => {
        this.refreshing = undefined
        for (const wake of [...this.waiting]) wake()
        if (this.refreshAgain) {
          this.refreshAgain = false
          void this.refresh()
        }
      })
    return this.refreshing
  }

  /** A refresh that starts after this call has finished. */
  async refreshNow(): Promise<void> {
    await this.refreshing
    await this.refresh()
  }

  /** Resolves after the next refresh, after `ms` (the slow fallback), or when the signal aborts. */
  waitForChange(signal: AbortSignal, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.waiting.delete(done)
        signal.removeEventListener('abort', done)
        resolve()
      }
      const timer = setTimeout(done, Math.max(0, ms))
      this.waiting.add(done)
      signal.addEventListener('abort', done, { once: true })
      if (signal.aborted) done()
    })
  }

  /** Waits for a refresh in progress (on stop). */
  async settled(): Promise<void> {
    await this.refreshing
  }
}

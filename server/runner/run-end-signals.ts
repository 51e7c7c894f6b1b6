// Wakes whoever waits for a run to end (a webhook caller with `?wait`, the CLI's `--wait`) at the
// commit that ends it: the run writer's NOTIFY flags run-level events, one LISTEN per process fans
// them out to the waiters of that run. Waiters re-read the run's status when woken, so a missed
// notification costs at most one fallback interval, never a wrong answer.
import type postgres from 'postgres'
import type { Logger } from '@/server/platform/logger'
import { listen, type RunEventPointer } from '@/server/platform/notify-bus'

/** A waiter's registration: `next` resolves at the next run-level change (or after `ms`). */
export interface RunWatch {
  next(ms: number, signal?: AbortSignal): Promise<void>
  close(): void
}

export interface RunEndSignals {
  /** Register before reading the run's status, so a change between the read and the wait is not lost. */
  watch(executionId: string): RunWatch
  stop(): Promise<void>
}

class Watch implements RunWatch {
  private changed = false
  private wake: (() => void) | undefined

  constructor(private readonly onClose: (watch: Watch) => void) {}

  notify(): void {
    this.changed = true
    this.wake?.()
  }

  next(ms: number, signal?: AbortSignal): Promise<void> {
    if (this.changed || signal?.aborted) {
      this.changed = false
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        this.wake = undefined
        this.changed = false
        resolve()
      }
      const timer = setTimeout(done, ms)
      signal?.addEventListener('abort', done, { once: true })
      this.wake = done
    })
  }

  close(): void {
    this.onClose(this)
  }
}

export function startRunEndSignals(options: { sql: postgres.Sql; logger: Logger }): RunEndSignals {
  const log = options.logger.child({ component: 'run-end-signals' })
  const watches = new Map<string, Set<Watch>>()
  const wakeAll = () => {
    for (const set of watches.values()) for (const watch of set) watch.notify()
  }
  const onPointers = (pointers: RunEventPointer[]) => {
    for (const pointer of pointers) {
      if (pointer.r !== 1) continue
      for (const watch of watches.get(pointer.e) ?? []) watch.notify()
    }
  }
  // After a reconnect (or an unreadable payload) anything sent meanwhile is unknown: every waiter re-reads.
  const listening = listen(options.sql, 'runEvents', onPointers, {
    onResync: wakeAll,
    onError: (error) => log.warn({ err: error }, 'LISTEN for run ends failed; waiters fall back to polling'),
  })
  return {
    watch(executionId) {
      const set = watches.get(executionId) ?? new Set<Watch>()
      watches.set(executionId, set)
      const watch = new Watch((closed) => {
        set.delete(closed)
        if (set.size === 0) watches.delete(executionId)
      })
      set.add(watch)
      return watch
    },
    async stop() {
      await listening.ready
      await listening.stop()
      wakeAll()
    },
  }
}

// The driver's side of finished commands: dispatches waiting for their command's result, fed by the
// results NOTIFY (the whole result when it fits, else the id to read) and by a slow re-read of all
// pending ids when a notification may have been missed.
import type { Db } from '@/db/client'
import type { Logger } from '@/server/platform/logger'
import { loadFinishedCommands, requestCancel, type FinishedCommand } from './command-assignment'

export class CommandResults {
  private readonly pending = new Map<string, (command: FinishedCommand) => void>()
  private readonly toFetch = new Set<string>()
  private fetching = false

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  /** A finished command arrived (from a notification): hands it to its dispatch, if this process has one. */
  deliver(command: FinishedCommand): void {
    this.pending.get(command.id)?.(command)
  }

  /** Reads these commands' results (batched: one query at a time, covering every id asked meanwhile). */
  fetch(ids: Iterable<string>): void {
    for (const id of ids) if (this.pending.has(id)) this.toFetch.add(id)
    if (this.fetching || this.toFetch.size === 0) return
    this.fetching = true
    const batch = [...this.toFetch]
    this.toFetch.clear()
    loadFinishedCommands(this.db, batch)
      .then((finished) => {
        for (const command of finished) this.deliver(command)
      })
      .catch((error: unknown) =>
        this.log.warn({ err: error }, 'reading command results failed; polling again'),
      )
      .finally(() => {
        this.fetching = false
        if (this.toFetch.size > 0) this.fetch([])
      })
  }

  /** Re-reads every pending command: the fallback for missed notifications. */
  fetchAll(): void {
    this.fetch(this.pending.keys())
  }

  /**
   * Resolves with the command once it finished, or undefined when the signal aborts (then the
   * command is cancelled). `checkNow` reads it at once (a command that may already have finished).
   */
  await(id: string, signal: AbortSignal, checkNow: boolean): Promise<FinishedCommand | undefined> {
    return new Promise((resolve) => {
      const onAbort = () => {
        this.pending.delete(id)
        requestCancel(this.db, id).catch((error: unknown) =>
          this.log.warn({ err: error, commandId: id }, 'cancel request failed'),
        )
        resolve(undefined)
      }
      this.pending.set(id, (command) => {
        signal.removeEventListener('abort', onAbort)
        this.pending.delete(id)
        resolve(command)
      })
      if (signal.aborted) return onAbort()
      signal.addEventListener('abort', onAbort, { once: true })
      if (checkNow) this.fetch([id])
    })
  }
}

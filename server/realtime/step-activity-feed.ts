// Tells run views which steps have new device activity (log lines, progress, a branch's result), so
// they fetch it at once instead of polling. Gateways NOTIFY command ids; a command id starts with
// its step row id (`<step row id>:<attempt>[:branch]`). Hints are coalesced per step and resolved in
// one query, only for runs someone on this node is watching. The lines themselves stay in the
// database and are read with the API's paging, so a hint lost on a reconnect costs nothing but time.
import { sql } from 'drizzle-orm'
import type postgres from 'postgres'
import type { Db } from '@/db/client'
import type { Logger } from '@/server/platform/logger'
import { channelName, listen, type Channel } from '@/server/platform/notify-bus'
import { rows, uuidArray } from '@/server/platform/sql-helpers'

export interface StepActivitySink {
  /** Executions with at least one subscriber on this node. */
  watchedExecutions(): ReadonlySet<string>
  activity(executionId: string, stepIds: string[]): void
}

const COALESCE_MS = 150
const STEP_ROW_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):/i

/** The step rows runner commands belong to (other commands have ids of another shape). */
export function stepRowIdsOf(commandIds: readonly string[]): string[] {
  return commandIds.flatMap((commandId) => {
    const row = STEP_ROW_ID.exec(commandId)?.[1]
    return row ? [row.toLowerCase()] : []
  })
}

export function startStepActivityFeed(options: {
  db: Db
  sql: postgres.Sql
  sink: StepActivitySink
  logger: Logger
}): { stop: () => Promise<void> } {
  const { db, sink } = options
  const log = options.logger.child({ component: 'step-activity' })
  const pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let flushing: Promise<void> | undefined
  let stopped = false

  async function flush(): Promise<void> {
    const stepRows = [...pending]
    pending.clear()
    const watched = sink.watchedExecutions()
    if (stepRows.length === 0 || watched.size === 0) return
    const found = await rows<{ execution_id: string; step_id: string }>(
      db,
      sql`SELECT DISTINCT execution_id, step_id FROM step_executions
          WHERE id = ANY(${uuidArray(stepRows)}) AND execution_id = ANY(${uuidArray([...watched])})`,
    )
    const byRun = new Map<string, string[]>()
    for (const r of found) byRun.set(r.execution_id, [...(byRun.get(r.execution_id) ?? []), r.step_id])
    for (const [executionId, stepIds] of byRun) sink.activity(executionId, stepIds)
  }

  function onCommands(commandIds: readonly string[]): void {
    const stepRows = stepRowIdsOf(commandIds)
    if (stepRows.length === 0 || stopped) return
    for (const row of stepRows) pending.add(row)
    timer ??= setTimeout(() => {
      timer = undefined
      flushing = (flushing ?? Promise.resolve())
        .then(flush)
        .catch((error: unknown) => log.warn({ err: error }, 'step activity lookup failed; views fall back to polling'))
    }, COALESCE_MS)
  }

  const onError = (channel: Channel) => (error: unknown) =>
    log.error({ err: error, channel: channelName(channel) }, 'LISTEN for step activity failed; views fall back to polling')
  const listening = [
    listen(options.sql, 'commandActivity', onCommands, { onError: onError('commandActivity') }),
    listen(options.sql, 'deviceResults', (result) => onCommands([typeof result === 'string' ? result : result.id]), {
      onError: onError('deviceResults'),
    }),
  ]

  return {
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      await flushing?.catch(() => {})
      await Promise.all(listening.map(async (l) => l.ready.then(() => l.stop())))
    },
  }
}

// Tells run views which steps have new device activity (log lines, progress, a branch's result), so
// they fetch it at once instead of polling. Gateways NOTIFY command ids; a command id starts with
// its step row id (`<step row id>:<attempt>[:branch]`). Hints are coalesced per step and resolved in
// one query, only for runs someone on this node is watching. The lines themselves stay in the
// database and are read with the API's paging, so a hint lost on a reconnect costs nothing but time.
import { sql } from 'drizzle-orm'
import type postgres from 'postgres'
import type { Db } from '@/db/client'
import { COMMAND_ACTIVITY_CHANNEL, DEVICE_RESULTS_CHANNEL } from '@/server/devices/device-channels'
import type { Logger } from '@/server/platform/logger'
import { rows, uuidArray } from '@/server/platform/sql-helpers'

export interface StepActivitySink {
  /** Executions with at least one subscriber on this node. */
  watchedExecutions(): ReadonlySet<string>
  activity(executionId: string, stepIds: string[]): void
}

const COALESCE_MS = 150
const STEP_ROW_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):/i

/** The step rows runner commands belong to: from a comma-separated list of command ids, or a result's JSON. */
export function stepRowIdsOf(payload: string): string[] {
  let commandIds = payload.split(',')
  if (payload.startsWith('{')) {
    try {
      const id = (JSON.parse(payload) as { id?: unknown }).id
      commandIds = typeof id === 'string' ? [id] : []
    } catch {
      return []
    }
  }
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

  function onNotify(payload: string): void {
    const stepRows = stepRowIdsOf(payload)
    if (stepRows.length === 0 || stopped) return
    for (const row of stepRows) pending.add(row)
    timer ??= setTimeout(() => {
      timer = undefined
      flushing = (flushing ?? Promise.resolve())
        .then(flush)
        .catch((error: unknown) => log.warn({ err: error }, 'step activity lookup failed; views fall back to polling'))
    }, COALESCE_MS)
  }

  const listening = [COMMAND_ACTIVITY_CHANNEL, DEVICE_RESULTS_CHANNEL].map((channel) =>
    options.sql.listen(channel, onNotify).catch((error: unknown) => {
      log.error({ err: error, channel }, 'LISTEN for step activity failed; views fall back to polling')
      return undefined
    }),
  )

  return {
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      await flushing?.catch(() => {})
      for (const meta of await Promise.all(listening)) await meta?.unlisten().catch(() => {})
    },
  }
}

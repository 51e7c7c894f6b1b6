// Log lines and progress from every device of one gateway, written in batches: one statement and
// one commit per ~50 ms instead of one transaction per message, so a chatty fleet does not queue
// its results behind thousands of tiny writes. Each batch NOTIFYs the command ids it touched (in
// chunks) for live views. A result waits for its own command's pending lines (`settle`), so the
// lines always land before the result that follows them.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { rows, textArray } from '@/server/platform/sql-helpers'
import { IN_FLIGHT } from '../command-slots'
import { notifySql } from '@/server/platform/notify-bus'
import { commandIdsPayloadSql } from '@/server/platform/notify-channels'
import type { TCommandLog, TCommandProgress } from '@/contracts/device-protocol'

type LogRow = { ord: number; command_id: string; device_id: string; stream: string; line: string }
type ProgressRow = { command_id: string; device_id: string; progress: Record<string, unknown> }

export interface CommandActivityBatch {
  logs: { deviceId: string; log: TCommandLog }[]
  progress: { deviceId: string; progress: TCommandProgress }[]
}

/** Command ids per NOTIFY: ~45-byte ids keep each payload far below PostgreSQL's 8,000-byte limit. */
const IDS_PER_NOTIFY = 120

/** Writes a batch in one statement; returns the `<device>/<command>` keys whose lines or progress were recorded. */
export async function writeCommandActivity(db: Db, batch: CommandActivityBatch): Promise<Set<string>> {
  const logRows: LogRow[] = []
  for (const { deviceId, log } of batch.logs)
    for (const line of log.lines)
      logRows.push({ ord: logRows.length, command_id: log.commandId, device_id: deviceId, stream: log.stream, line: line.replace(/\0/g, '\ufffd') })
  // Only the newest progress of each command matters.
  const latest = new Map<string, ProgressRow>()
  for (const { deviceId, progress } of batch.progress)
    latest.set(`${deviceId}/${progress.commandId}`, {
      command_id: progress.commandId,
      device_id: deviceId,
      progress: { percent: progress.percent ?? null, message: progress.message?.replace(/\0/g, '\ufffd') ?? null, at: new Date().toISOString() },
    })
  const [row] = await rows<{ logged: string[]; progressed: string[] }>(
    db,
    sql`WITH v AS (
          SELECT * FROM jsonb_to_recordset(${JSON.stringify(logRows)}::jsonb)
            AS v(ord int, command_id text, device_id text, stream text, line text)
        ), inserted AS (
          INSERT INTO device_command_logs (command_id, stream, line)
          SELECT c.id, v.stream, v.line FROM v JOIN device_commands c ON c.id = v.command_id AND c.device_id = v.device_id
            AND c.id = ANY(${textArray([...new Set(logRows.map((r) => r.command_id))])})
          ORDER BY v.ord
          RETURNING command_id
        ), p AS (
          SELECT * FROM jsonb_to_recordset(${JSON.stringify([...latest.values()])}::jsonb)
            AS p(command_id text, device_id text, progress jsonb)
        ), updated AS (
          UPDATE device_commands c SET progress = p.progress FROM p
          WHERE c.id = p.command_id AND c.device_id = p.device_id AND c.status IN ${IN_FLIGHT}
            AND c.id = ANY(${textArray([...latest.values()].map((p) => p.command_id))})
          RETURNING c.id, c.device_id
        ), logged AS (
          SELECT DISTINCT c.id, c.device_id FROM device_commands c
          WHERE c.id IN (SELECT command_id FROM inserted) AND c.id = ANY(${textArray([...new Set(logRows.map((r) => r.command_id))])})
        ), touched AS (
          SELECT id, (row_number() OVER () - 1) / ${IDS_PER_NOTIFY} AS part FROM (SELECT id FROM logged UNION SELECT id FROM updated) t
        ), notified AS (
          SELECT count(${notifySql('commandActivity', sql`chunk`)}) AS n FROM (SELECT ${commandIdsPayloadSql(sql`id`)} AS chunk FROM touched GROUP BY part) c
        )
        SELECT (SELECT coalesce(json_agg(device_id || '/' || id), '[]') FROM logged) AS logged,
               (SELECT coalesce(json_agg(device_id || '/' || id), '[]') FROM updated) AS progressed,
               (SELECT n FROM notified) AS notified`,
  )
  return new Set([...(row?.logged ?? []), ...(row?.progressed ?? [])])
}

export interface CommandActivityWriter {
  /** Resolves once the lines are written: true when the command is this device's. */
  log(deviceId: string, log: TCommandLog): Promise<boolean>
  /** Resolves once written: true when the command is in flight on this device. */
  progress(deviceId: string, progress: TCommandProgress): Promise<boolean>
  /** Writes the command's pending lines and progress now and waits for them. */
  settle(commandId: string): Promise<void>
  stop(): Promise<void>
}

const FLUSH_MS = 50
/** A batch this large is written at once rather than at the next tick. */
const MAX_PENDING_LINES = 5000

/** A batch being filled: written once its gate opens (`start`), after every batch before it. */
interface PendingBatch {
  batch: CommandActivityBatch
  lines: number
  commands: Set<string>
  done: Promise<Set<string>>
  start: () => void
}

/** A new batch whose write waits for its gate and for `previous`, so batches are written one after another. */
function openBatch(db: Db, previous: Promise<unknown>): PendingBatch {
  let start = () => {}
  const gate = new Promise<void>((resolve) => (start = resolve))
  const batch: CommandActivityBatch = { logs: [], progress: [] }
  return {
    batch,
    lines: 0,
    commands: new Set(),
    done: Promise.all([gate, previous.catch(() => {})]).then(() => writeCommandActivity(db, batch)),
    start,
  }
}

export function createCommandActivityWriter(db: Db, options: { flushMs?: number } = {}): CommandActivityWriter {
  let pending: PendingBatch | undefined
  let timer: NodeJS.Timeout | undefined
  let writing: Promise<unknown> = Promise.resolve()
  /** The batch each command's latest message is in, until it is written. */
  const inBatch = new Map<string, Promise<unknown>>()

  function current(): PendingBatch {
    if (pending) return pending
    const next = openBatch(db, writing)
    writing = next.done
    pending = next
    timer = setTimeout(flush, options.flushMs ?? FLUSH_MS)
    return next
  }

  function flush(): void {
    const batch = pending
    if (!batch) return
    clearTimeout(timer)
    pending = undefined
    batch.start()
    void batch.done
      .catch(() => {})
      .finally(() => {
        for (const id of batch.commands) if (inBatch.get(id) === batch.done) inBatch.delete(id)
      })
  }

  function add(commandId: string, key: string, lines: number, put: (batch: CommandActivityBatch) => void): Promise<boolean> {
    const batch = current()
    put(batch.batch)
    batch.lines += lines
    batch.commands.add(commandId)
    inBatch.set(commandId, batch.done)
    if (batch.lines >= MAX_PENDING_LINES) flush()
    return batch.done.then((recorded) => recorded.has(key))
  }

  return {
    log: (deviceId, log) =>
      add(log.commandId, `${deviceId}/${log.commandId}`, log.lines.length, (b) => b.logs.push({ deviceId, log })),
    progress: (deviceId, progress) =>
      add(progress.commandId, `${deviceId}/${progress.commandId}`, 0, (b) => b.progress.push({ deviceId, progress })),
    async settle(commandId) {
      const done = inBatch.get(commandId)
      if (!done) return
      if (pending?.commands.has(commandId)) flush()
      await done.catch(() => {})
    },
    async stop() {
      flush()
      await writing.catch(() => {})
    },
  }
}

// The reads behind the live view: a run's events after a sequence number and run summaries.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { limitJsonDepth } from '@/contracts/json-guard'
import { rows, uuidArray } from '@/server/platform/sql-helpers'
import type { LiveRunEvent, LiveRunSummary } from '@/contracts/live-contract'

type EventRow = { execution_id: string; seq: number; type: string; step_id: string | null; payload: Record<string, unknown>; created_at: string | Date }
type RunRow = {
  id: string
  workflow_id: string | null
  workflow_version: number
  status: string
  trigger: string
  last_seq: number
  created_at: string | Date
  started_at: string | Date | null
  finished_at: string | Date | null
  handled_failures: number
  kind: string
}

const iso = (value: string | Date | null): string | null =>
  value === null ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString()

function toEvent(row: EventRow): LiveRunEvent {
  // Reading never fails: a payload stored before the JSON guard (2,500 deep) is sent cut, not choked on.
  const payload = limitJsonDepth(row.payload) as Record<string, unknown>
  return { seq: row.seq, type: row.type, stepId: row.step_id, payload, at: iso(row.created_at) ?? '' }
}

/** Events after each execution's given seq, oldest first per execution (one query for many runs). */
export async function eventsAfter(
  db: Db,
  after: ReadonlyMap<string, number>,
  limitPerRun: number,
): Promise<Map<string, LiveRunEvent[]>> {
  const out = new Map<string, LiveRunEvent[]>()
  if (after.size === 0) return out
  const wanted = [...after].map(([id, seq]) => ({ id, seq }))
  const found = await rows<EventRow>(
    db,
    sql`SELECT e.execution_id, e.seq, e.type, e.step_id, e.payload, e.created_at
        FROM jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb) AS w(id uuid, seq int)
        CROSS JOIN LATERAL (
          SELECT * FROM execution_events ev WHERE ev.execution_id = w.id AND ev.seq > w.seq ORDER BY ev.seq LIMIT ${limitPerRun}
        ) e
        ORDER BY e.execution_id, e.seq`,
  )
  for (const row of found) {
    const list = out.get(row.execution_id) ?? []
    list.push(toEvent(row))
    out.set(row.execution_id, list)
  }
  return out
}

export async function runSummaries(db: Db, ids: readonly string[]): Promise<LiveRunSummary[]> {
  if (ids.length === 0) return []
  const found = await rows<RunRow>(
    db,
    sql`SELECT id, workflow_id, workflow_version, status, trigger, last_seq, created_at, started_at, finished_at, handled_failures, kind
        FROM executions WHERE id = ANY(${uuidArray(ids)})`,
  )
  return found.map((r) => ({
    id: r.id,
    workflowId: r.workflow_id,
    workflowVersion: r.workflow_version,
    status: r.status,
    trigger: r.trigger,
    lastSeq: r.last_seq,
    createdAt: iso(r.created_at) ?? '',
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    handledFailures: r.handled_failures,
    kind: r.kind === 'test' ? 'test' : 'run',
  }))
}

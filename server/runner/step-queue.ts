// Step rows are the queue: claim due rows with FOR UPDATE SKIP LOCKED under a lease, renew the
// leases of work in flight, and return the steps of a runner that stopped renewing to ready.
import { sql } from 'drizzle-orm'
import type { StepStatus } from '@/server/engine/run/run-status'
import { notify, notifySql, POINTERS_PER_NOTIFY } from '@/server/platform/notify-bus'
import { runEventPointerSql } from '@/server/platform/notify-channels'
import type { RunEvent } from './run-events'
import { rows, timestamp, uuidArray, type Queryable } from '@/server/platform/sql-helpers'

export interface ClaimedStep {
  rowId: string
  executionId: string
  stepId: string
  /** Attempts started so far, this one included. */
  attempt: number
  interruptions: number
  leaseToken: string
  /** `waiting` when a timer (wait step wake-up or signal deadline) came due rather than a ready step. */
  claimedFrom: Extract<StepStatus, 'ready' | 'waiting'>
  input: unknown
}

/**
 * Claims up to `limit` due steps (ready, or waiting with a timer that came due) in one statement.
 * A ready step starts a new attempt; a due timer continues the attempt that parked it.
 */
export async function claimReadySteps(
  db: Queryable,
  owner: string,
  limit: number,
  now: Date,
  leaseMs: number,
  /** Claim only these rows (steps this runner just readied in the same transaction). */
  onlyIds?: readonly string[],
): Promise<ClaimedStep[]> {
  if (limit <= 0 || onlyIds?.length === 0) return []
  const found = await claimStatement(db, owner, limit, now, leaseMs, onlyIds)
  return found.map((r) => ({
    rowId: r.id,
    executionId: r.execution_id,
    stepId: r.step_id,
    attempt: r.attempt,
    interruptions: r.interruptions,
    leaseToken: r.lease_token,
    claimedFrom: r.claimed_from,
    input: r.input,
  }))
}

function claimStatement(
  db: Queryable,
  owner: string,
  limit: number,
  now: Date,
  leaseMs: number,
  onlyIds: readonly string[] | undefined,
) {
  return rows<{
    id: string
    execution_id: string
    step_id: string
    attempt: number
    interruptions: number
    lease_token: string
    claimed_from: 'ready' | 'waiting'
    input: unknown
  }>(
    db,
    sql`UPDATE step_executions s SET
          status = 'running',
          attempt = CASE WHEN c.status = 'ready' THEN s.attempt + 1 ELSE s.attempt END,
          lease_owner = ${owner},
          lease_token = gen_random_uuid(),
          lease_expires_at = ${timestamp(new Date(now.getTime() + leaseMs))},
          started_at = CASE WHEN c.status = 'ready' THEN ${timestamp(now)} ELSE s.started_at END
        FROM (
          SELECT id, status FROM step_executions
          WHERE status IN ('ready', 'waiting') AND run_at <= ${timestamp(now)}
            ${onlyIds ? sql`AND id = ANY(${uuidArray(onlyIds)})` : sql``}
          ORDER BY run_at
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        ) c
        WHERE s.id = c.id
        RETURNING s.id, s.execution_id, s.step_id, s.attempt, s.interruptions, s.lease_token, c.status AS claimed_from, s.input`,
  )
}

/** Extends the leases still held; returns the tokens that are no longer ours (cancelled, reclaimed). */
export async function renewLeases(
  db: Queryable,
  tokens: readonly string[],
  now: Date,
  leaseMs: number,
): Promise<Set<string>> {
  if (tokens.length === 0) return new Set()
  const renewed = await rows<{ lease_token: string }>(
    db,
    sql`UPDATE step_executions SET lease_expires_at = ${timestamp(new Date(now.getTime() + leaseMs))}
        WHERE id IN (
          SELECT id FROM step_executions
          WHERE lease_token = ANY(${uuidArray(tokens)}) AND status = 'running'
          ORDER BY id FOR UPDATE
        )
        RETURNING lease_token`,
  )
  const kept = new Set(renewed.map((r) => r.lease_token))
  return new Set(tokens.filter((t) => !kept.has(t)))
}

/**
 * Returns running steps whose lease expired (their runner died or stalled) to ready, as an
 * interrupted attempt: the step runs again, and a late completion from the old lease is refused.
 * `tokens` instead releases specific leases (a runner stopping before its work finished).
 */
export async function reapExpiredLeases(
  db: Queryable,
  now: Date,
  limit = 100,
  tokens?: readonly string[],
): Promise<number> {
  const which = tokens
    ? sql`lease_token = ANY(${uuidArray(tokens)}) AND status = 'running'`
    : sql`status = 'running' AND lease_expires_at < ${timestamp(now)}`
  const reaped = await rows<{
    id: string
    execution_id: string
    step_id: string
    attempt: number
    lease_owner: string | null
  }>(
    db,
    sql`WITH expired AS (
          SELECT id, lease_owner FROM step_executions WHERE ${which}
          ORDER BY lease_expires_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
        )
        UPDATE step_executions s SET status = 'ready', run_at = ${timestamp(now)}, interruptions = s.interruptions + 1,
          lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
        FROM expired WHERE s.id = expired.id
        RETURNING s.id, s.execution_id, s.step_id, s.attempt, expired.lease_owner`,
  )
  if (reaped.length === 0) return 0
  await appendEvents(
    db,
    reaped.map((r) => ({
      executionId: r.execution_id,
      type: 'step.interrupted',
      stepId: r.step_id,
      payload: { attempt: r.attempt, leaseOwner: r.lease_owner },
    })),
    now,
  )
  await notifyStepsReady(db)
  return reaped.length
}

/** Wakes every runner's claim loop (delivered when the transaction commits). */
export async function notifyStepsReady(db: Queryable): Promise<void> {
  await notify(db, 'steps', undefined)
}

/**
 * Appends events outside a state-machine transaction in one statement: locks the executions in
 * id order, bumps last_seq and numbers the events after it.
 */
export async function appendEvents(db: Queryable, events: readonly RunEvent[], now: Date): Promise<void> {
  if (events.length === 0) return
  const payload = events.map((e, i) => ({
    ord: i,
    execution_id: e.executionId,
    type: e.type,
    step_id: e.stepId,
    payload: e.payload,
  }))
  // The id array gives the planner index scans on executions; the JSON recordset alone looks like 100 rows.
  const ids = uuidArray([...new Set(events.map((e) => e.executionId))])
  await db.execute(sql`
    WITH v AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) AS v(ord int, execution_id uuid, type text, step_id text, payload jsonb)
    ),
    counts AS (SELECT execution_id, count(*)::int AS n FROM v GROUP BY execution_id),
    locked AS (SELECT x.id FROM executions x WHERE x.id = ANY(${ids}) ORDER BY x.id FOR UPDATE),
    bumped AS (
      UPDATE executions x SET last_seq = x.last_seq + counts.n
      FROM counts, locked WHERE x.id = counts.execution_id AND locked.id = x.id AND x.id = ANY(${ids})
      RETURNING x.id, x.last_seq - counts.n AS base, x.last_seq AS top
    ),
    inserted AS (
      INSERT INTO execution_events (execution_id, seq, type, step_id, payload, created_at)
      SELECT v.execution_id, bumped.base + row_number() OVER (PARTITION BY v.execution_id ORDER BY v.ord), v.type, v.step_id, v.payload, ${timestamp(now)}
      FROM v JOIN bumped ON bumped.id = v.execution_id
      RETURNING 1
    )
    -- Tell live views which runs have new events (delivered on commit); see server/realtime.
    SELECT count(${notifySql('runEvents', sql`chunk`)}) FROM (
      SELECT json_agg(${runEventPointerSql(sql`id`, sql`base + 1`, sql`top`)})::text AS chunk
      FROM (SELECT bumped.*, (row_number() OVER () - 1) / ${POINTERS_PER_NOTIFY} AS part FROM bumped) b
      GROUP BY part
    ) n`)
}

/** Records `step.running` for each claim that started a new attempt (timer wake-ups continue one). */
export async function recordStarts(
  db: Queryable,
  claims: readonly ClaimedStep[],
  owner: string,
  now: Date,
): Promise<void> {
  const started = claims.filter((c) => c.claimedFrom === 'ready')
  await appendEvents(
    db,
    started.map((c) => ({
      executionId: c.executionId,
      type: 'step.running',
      stepId: c.stepId,
      payload: { attempt: c.attempt, owner },
    })),
    now,
  )
}

/** Claims due steps and records their starts, as a runner does (tests use it to play a runner that then dies). */
export async function claimStepsWithEvents(
  db: Queryable,
  owner: string,
  limit: number,
  now: Date,
  leaseMs: number,
): Promise<ClaimedStep[]> {
  const claims = await claimReadySteps(db, owner, limit, now, leaseMs)
  await recordStarts(db, claims, owner, now)
  return claims
}

// Work that finished in a time range, read for the /metrics histograms and counters. Steps carry
// their type and action from the run's copied definition, expanded once per run, not per step.
import { isStepOfRealRun } from '@/server/platform/run-kind'
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { DEMO_CAPABILITIES } from '@/server/devices/fleet/demo-fleet'
import { rows, textList, timestamp } from '@/server/platform/sql-helpers'

/** Actions every agent or demo device has (docs/device-protocol.md), always labelled by name. */
const BUILT_IN_ACTIONS = [...new Set([...DEMO_CAPABILITIES, 'shell.exec', 'file.read'])]

export interface FinishedStep {
  type: string
  /** The step's action when a registered device offers it; `other` for any other action name. */
  action: string
  status: string
  /** finished_at − started_at of the last attempt, seconds. */
  durationSeconds: number | null
  /** started_at − run_at: how long the due step waited for a runner, seconds (null for timer wake-ups). */
  dispatchSeconds: number | null
  finishedAt: Date
}

export interface FinishedRun {
  status: string
  durationSeconds: number | null
  finishedAt: Date
}

/** Steps that ended (any terminal status with a finish time) in (from, to], oldest first. */
export async function readFinishedSteps(
  db: Db,
  from: Date,
  to: Date,
  limit: number,
): Promise<FinishedStep[]> {
  const result = await rows<{
    type: string | null
    action: string | null
    status: string
    duration_s: number | null
    dispatch_s: number | null
    finished_at: string
  }>(
    db,
    sql`WITH s AS (
          SELECT execution_id, step_id, status, run_at, started_at, finished_at
          FROM step_executions
          WHERE finished_at > ${timestamp(from)} AND finished_at <= ${timestamp(to)} AND ${isStepOfRealRun()}
          ORDER BY finished_at
          LIMIT ${limit}
        ),
        defs AS (
          SELECT e.id AS execution_id, st->>'id' AS step_id, st->>'type' AS type, st->>'action' AS action
          FROM executions e, jsonb_array_elements(e.definition->'steps') st
          WHERE e.id IN (SELECT DISTINCT execution_id FROM s)
        ),
        -- Editors name actions freely; only built-in ones and those a device offers become label values.
        offered AS (
          SELECT DISTINCT jsonb_array_elements_text(capabilities) AS action FROM devices WHERE revoked_at IS NULL
          UNION SELECT * FROM ${textList(BUILT_IN_ACTIONS)} b
        )
        SELECT d.type,
          CASE WHEN d.action IS NULL THEN NULL WHEN d.action IN (SELECT action FROM offered) THEN d.action ELSE 'other' END AS action,
          s.status,
          extract(epoch FROM s.finished_at - s.started_at)::float8 AS duration_s,
          CASE WHEN s.started_at >= s.run_at THEN extract(epoch FROM s.started_at - s.run_at)::float8 END AS dispatch_s,
          s.finished_at
        FROM s LEFT JOIN defs d ON d.execution_id = s.execution_id AND d.step_id = s.step_id
        ORDER BY s.finished_at`,
  )
  return result.map((r) => ({
    type: r.type ?? 'unknown',
    action: r.action ?? '',
    status: r.status,
    durationSeconds: r.duration_s,
    dispatchSeconds: r.dispatch_s,
    finishedAt: new Date(r.finished_at),
  }))
}

/** Runs that ended in (from, to], oldest first. */
export async function readFinishedRuns(db: Db, from: Date, to: Date, limit: number): Promise<FinishedRun[]> {
  const result = await rows<{ status: string; duration_s: number | null; finished_at: string }>(
    db,
    sql`SELECT status, extract(epoch FROM finished_at - coalesce(started_at, created_at))::float8 AS duration_s, finished_at
        FROM executions
        WHERE finished_at > ${timestamp(from)} AND finished_at <= ${timestamp(to)} AND kind = 'run'
        ORDER BY finished_at
        LIMIT ${limit}`,
  )
  return result.map((r) => ({
    status: r.status,
    durationSeconds: r.duration_s,
    finishedAt: new Date(r.finished_at),
  }))
}

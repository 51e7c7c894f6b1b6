// The one statement a run writer's flush sends: step row changes, new events and execution changes
// as data-modifying CTEs, with the wake-up NOTIFYs, so a batch costs one round trip however big.
import { sql, type SQL } from 'drizzle-orm'
import type { ExecutionStatus, StepStatus } from '@/server/engine/run/run-status'
import { encodeMessage, notifyExpression, notifySql, POINTERS_PER_NOTIFY, type RunEventPointer } from '@/server/platform/notify-bus'
import { textArray, timestamp, uuidArray, type Tx } from '@/server/platform/sql-helpers'
import type { RunEvent } from './run-events'

/** One step row's buffered change; each `set_*` flag says whether its column is written. */
export interface StepUpdateRecord {
  id: string
  status: StepStatus
  set_run_at: boolean
  run_at: string | null
  set_output: boolean
  output: unknown
  set_error: boolean
  error: unknown
  set_input: boolean
  input: unknown
  finished: boolean
  clear_lease: boolean
  set_attempt: boolean
  attempt: number
}

/** One execution's buffered change: its last event seq always, its end when `finished`. */
export interface ExecutionChange {
  id: string
  last_seq: number
  status: ExecutionStatus | null
  error: unknown
  finished: boolean
  handled_failures?: number
  outputs?: unknown
}

export type SequencedEvent = RunEvent & { seq: number }

export interface RunBatch {
  now: Date
  steps: readonly StepUpdateRecord[]
  events: readonly SequencedEvent[]
  executions: readonly ExecutionChange[]
  /** Steps became ready: the runners are woken to claim them. */
  wakeSteps: boolean
  /** A running step was cancelled: the runners holding one are told to stop it. */
  wakeCancel: boolean
}

const WAKE_STEPS = notifyExpression('steps', undefined)
const WAKE_CANCEL = notifyExpression('cancel', undefined)
/** One runEvents notification per row of the payloads unnested as `c`. */
const NOTIFY_EACH_C = notifySql('runEvents', sql`c`)

export async function writeRunBatch(tx: Tx, batch: RunBatch): Promise<void> {
  const now = timestamp(batch.now)
  const notifications = runEventNotifications(batch.events)
  await tx.execute(sql`
      WITH step_changes AS (${updateStepRows(batch.steps, now)}),
      new_events AS (${insertEvents(batch.events, now)}),
      execution_changes AS (${updateExecutions(batch.executions, now)})
      SELECT
        CASE WHEN ${batch.wakeSteps} THEN ${WAKE_STEPS} END,
        CASE WHEN ${batch.wakeCancel} THEN ${WAKE_CANCEL} END,
        (SELECT count(${NOTIFY_EACH_C}) FROM unnest(${textArray(notifications)}) c)`)
}

function updateStepRows(changes: readonly StepUpdateRecord[], now: SQL): SQL {
  return sql`
        UPDATE step_executions s SET
          status = v.status,
          run_at = CASE WHEN v.set_run_at THEN v.run_at ELSE s.run_at END,
          output = CASE WHEN v.set_output THEN v.output ELSE s.output END,
          error = CASE WHEN v.set_error THEN v.error ELSE s.error END,
          input = CASE WHEN v.set_input THEN v.input ELSE s.input END,
          finished_at = CASE WHEN v.finished THEN ${now} ELSE s.finished_at END,
          lease_owner = CASE WHEN v.clear_lease THEN NULL ELSE s.lease_owner END,
          lease_expires_at = CASE WHEN v.clear_lease THEN NULL ELSE s.lease_expires_at END,
          lease_token = CASE WHEN v.clear_lease THEN NULL ELSE s.lease_token END,
          attempt = CASE WHEN v.set_attempt THEN v.attempt ELSE s.attempt END,
          started_at = CASE WHEN v.set_attempt THEN ${now} ELSE s.started_at END
        FROM jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) AS v(
          id uuid, status text, set_run_at boolean, run_at timestamptz, set_output boolean, output jsonb,
          set_error boolean, error jsonb, set_input boolean, input jsonb, finished boolean, clear_lease boolean,
          set_attempt boolean, attempt int)
        WHERE s.id = v.id AND s.id = ANY(${uuidArray(changes.map((c) => c.id))})
        RETURNING 1
      `
}

function insertEvents(events: readonly SequencedEvent[], now: SQL): SQL {
  const records = events.map((e) => ({
    execution_id: e.executionId,
    seq: e.seq,
    type: e.type,
    step_id: e.stepId,
    payload: e.payload,
  }))
  return sql`
        INSERT INTO execution_events (execution_id, seq, type, step_id, payload, created_at)
        SELECT v.execution_id, v.seq, v.type, v.step_id, v.payload, ${now}
        FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS v(execution_id uuid, seq int, type text, step_id text, payload jsonb)
        RETURNING 1
      `
}

function updateExecutions(changes: readonly ExecutionChange[], now: SQL): SQL {
  return sql`
        UPDATE executions x SET
          last_seq = v.last_seq,
          status = COALESCE(v.status, x.status),
          error = CASE WHEN v.finished THEN v.error ELSE x.error END,
          finished_at = CASE WHEN v.finished THEN ${now} ELSE x.finished_at END,
          handled_failures = COALESCE(v.handled_failures, x.handled_failures),
          outputs = COALESCE(v.outputs, x.outputs)
        FROM jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) AS v(id uuid, last_seq int, status text, error jsonb, finished boolean, handled_failures int, outputs jsonb)
        WHERE x.id = v.id AND x.id = ANY(${uuidArray(changes.map((c) => c.id))})
        RETURNING 1
      `
}

/** What the live view needs to know about a batch's events (delivered only if it commits). */
function runEventNotifications(events: readonly SequencedEvent[]): string[] {
  const byExecution = new Map<string, RunEventPointer>()
  for (const event of events) {
    const pointer = byExecution.get(event.executionId) ?? {
      e: event.executionId,
      s: event.seq,
      t: event.seq,
    }
    pointer.s = Math.min(pointer.s, event.seq)
    pointer.t = Math.max(pointer.t, event.seq)
    if (event.type.startsWith('run.')) pointer.r = 1
    byExecution.set(event.executionId, pointer)
  }
  const pointers = [...byExecution.values()]
  const chunks: string[] = []
  for (let i = 0; i < pointers.length; i += POINTERS_PER_NOTIFY)
    chunks.push(encodeMessage('runEvents', pointers.slice(i, i + POINTERS_PER_NOTIFY)))
  return chunks
}

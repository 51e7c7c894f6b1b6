// Monitoring tables: alert rules (with the state the single evaluator keeps), their transition
// history with webhook delivery status, the periodic system samples the monitoring page charts, and
// per-minute rollups of finished work that make an hour's window cheap to read.
import { sql } from 'drizzle-orm'
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { at } from './columns'

export const alertRules = pgTable(
  'alert_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Set for the built-in rules (e.g. `queue_depth`), so seeding is idempotent; null for user rules. */
    builtinKey: text('builtin_key'),
    name: text('name').notNull(),
    /** One of ALERT_METRICS (server/statistics/monitoring/alert-metrics.ts). */
    metric: text('metric').notNull(),
    /** `>` or `<`. */
    comparator: text('comparator').notNull().default('>'),
    threshold: doublePrecision('threshold').notNull(),
    /** Aggregation window for windowed metrics (percentiles, rates). */
    windowSeconds: integer('window_seconds').notNull().default(300),
    /** How long the condition must hold before pending becomes firing (0 = fire at once). */
    forSeconds: integer('for_seconds').notNull().default(60),
    webhookUrl: text('webhook_url'),
    enabled: boolean('enabled').notNull().default(true),
    /** inactive, pending or firing; written only by the evaluator holding the monitoring lock. */
    state: text('state').notNull().default('inactive'),
    stateSince: at('state_since'),
    lastValue: doublePrecision('last_value'),
    lastEvaluatedAt: at('last_evaluated_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('alert_rules_builtin_key_unique').on(t.builtinKey)],
)

export const alertEvents = pgTable(
  'alert_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    /** The state entered: pending, firing or resolved. */
    state: text('state').notNull(),
    value: doublePrecision('value'),
    threshold: doublePrecision('threshold').notNull(),
    message: text('message').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    /** none (no webhook), pending, delivered or failed. */
    notifyStatus: text('notify_status').notNull().default('none'),
    notifyAttempts: integer('notify_attempts').notNull().default(0),
    notifyError: text('notify_error'),
    notifiedAt: at('notified_at'),
  },
  (t) => [
    index('alert_events_rule_created_idx').on(t.ruleId, t.createdAt),
    index('alert_events_created_idx').on(t.createdAt),
    index('alert_events_notify_pending_idx')
      .on(t.id)
      .where(sql`${t.notifyStatus} = 'pending'`),
  ],
)

/** One row per evaluator tick: what the monitoring page draws as series. Old rows are pruned. */
export const monitoringSamples = pgTable('monitoring_samples', {
  sampledAt: at('sampled_at').primaryKey(),
  queueDepth: integer('queue_depth').notNull(),
  runsRunning: integer('runs_running').notNull(),
  runsQueued: integer('runs_queued').notNull(),
  dispatchP95Ms: doublePrecision('dispatch_p95_ms'),
  stepFailureRate: doublePrecision('step_failure_rate'),
  deviceUtilization: doublePrecision('device_utilization'),
})

/**
 * Finished work per minute, written once a minute has settled by the alert evaluator: a row covers
 * finished_at in (minute_end − 1 min, minute_end]. Histograms map a log bucket
 * (server/statistics/monitoring/latency-histogram.ts) to a count. Old rows are pruned.
 */
export const monitoringMinuteRollups = pgTable('monitoring_minute_rollups', {
  minuteEnd: at('minute_end').primaryKey(),
  /** Steps that ended succeeded or failed, and the failed ones. */
  stepsFinished: integer('steps_finished').notNull(),
  stepsFailed: integer('steps_failed').notNull(),
  stepDurationHist: jsonb('step_duration_hist').$type<Record<string, number>>().notNull(),
  dispatchLatencyHist: jsonb('dispatch_latency_hist').$type<Record<string, number>>().notNull(),
  /** Runs that ended, cancelled excluded, and those failed or timed out. */
  runsFinished: integer('runs_finished').notNull(),
  runsFailed: integer('runs_failed').notNull(),
  rolledAt: at('rolled_at').notNull().defaultNow(),
})

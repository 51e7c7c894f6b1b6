// Relayflow's tables. Workflow versions are immutable; executions copy the definition they run,
// so run history survives later edits and deletes.
import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { at } from './columns'

const createdAt = () => at('created_at').notNull().defaultNow()
const updatedAt = () => at('updated_at').notNull().defaultNow()

export const workflows = pgTable(
  'workflows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    latestVersion: integer('latest_version').notNull(),
    archivedAt: at('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('workflows_name_unique').on(sql`lower(${t.name})`),
    index('workflows_updated_at_idx').on(t.updatedAt),
  ],
)

export const workflowVersions = pgTable(
  'workflow_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    message: text('message').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('workflow_versions_workflow_version_unique').on(t.workflowId, t.version)],
)

export const executions = pgTable(
  'executions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workflowId: uuid('workflow_id').references(() => workflows.id, { onDelete: 'set null' }),
    workflowVersion: integer('workflow_version').notNull(),
    definition: jsonb('definition').notNull(),
    status: text('status').notNull().default('pending'),
    trigger: text('trigger').notNull().default('manual'),
    inputs: jsonb('inputs').notNull().default({}),
    error: jsonb('error'),
    /** Failed steps whose failure-edge handler ran; > 0 on a succeeded run means "succeeded with handled failures". */
    handledFailures: integer('handled_failures').notNull().default(0),
    lastSeq: integer('last_seq').notNull().default(0),
    deadlineAt: at('deadline_at'),
    /** The execution this one re-runs (rerun from failed steps), if any. */
    rerunOf: uuid('rerun_of'),
    /** Values of the workflow's `outputs`, evaluated when the run succeeds. */
    outputs: jsonb('outputs'),
    /** The run whose `workflow` step started this one (a child run), and that step's id. */
    parentExecutionId: uuid('parent_execution_id').references((): AnyPgColumn => executions.id, {
      onDelete: 'set null',
    }),
    parentStepId: text('parent_step_id'),
    /** How deeply this run is nested under `workflow` steps: 0 for a top-level run. */
    callDepth: integer('call_depth').notNull().default(0),
    /** 'run', or 'test': one step tested from the editor, kept out of lists, analytics and monitoring by default. */
    kind: text('kind').notNull().default('run'),
    createdAt: createdAt(),
    startedAt: at('started_at'),
    finishedAt: at('finished_at'),
  },
  (t) => [
    index('executions_workflow_created_idx').on(t.workflowId, t.createdAt),
    // Analytics over a time range across all workflows (server/analytics).
    index('executions_created_idx').on(t.createdAt),
    index('executions_status_idx').on(t.status),
    index('executions_parent_idx')
      .on(t.parentExecutionId, t.parentStepId)
      .where(sql`${t.parentExecutionId} IS NOT NULL`),
    // The few test runs, so "not a test run" filters over step rows stay cheap.
    index('executions_test_idx')
      .on(t.id)
      .where(sql`${t.kind} = 'test'`),
    index('executions_deadline_idx')
      .on(t.deadlineAt)
      .where(sql`${t.status} = 'running'`),
  ],
)

export const stepExecutions = pgTable(
  'step_executions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    executionId: uuid('execution_id')
      .notNull()
      .references(() => executions.id, { onDelete: 'cascade' }),
    stepId: text('step_id').notNull(),
    status: text('status').notNull().default('pending'),
    attempt: integer('attempt').notNull().default(0),
    runAt: at('run_at'),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: at('lease_expires_at'),
    /** New for every claim; a completion applies only while the row still carries its claim's token. */
    leaseToken: uuid('lease_token'),
    /** Attempts that ended because their lease expired (runner crash); they do not count against the retry policy. */
    interruptions: integer('interruptions').notNull().default(0),
    input: jsonb('input'),
    output: jsonb('output'),
    error: jsonb('error'),
    startedAt: at('started_at'),
    finishedAt: at('finished_at'),
  },
  (t) => [
    uniqueIndex('step_executions_execution_step_unique').on(t.executionId, t.stepId),
    // Due work: ready steps and timers (waiting steps with a wake-up or deadline).
    index('step_executions_due_idx')
      .on(t.runAt)
      .where(sql`${t.status} in ('ready', 'waiting')`),
    index('step_executions_lease_idx')
      .on(t.leaseExpiresAt)
      .where(sql`${t.status} = 'running'`),
    // Analytics' error codes of failed steps; failures are few, so the index stays small.
    index('step_executions_failed_idx')
      .on(t.executionId)
      .where(sql`${t.status} = 'failed'`),
  ],
)

export const executionEvents = pgTable(
  'execution_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    executionId: uuid('execution_id')
      .notNull()
      .references(() => executions.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    stepId: text('step_id'),
    payload: jsonb('payload').notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('execution_events_execution_seq_unique').on(t.executionId, t.seq)],
)

export const templates = pgTable(
  'templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').notNull().default('general'),
    variables: jsonb('variables').notNull().default([]),
    workflow: jsonb('workflow').notNull(),
    isBuiltin: boolean('is_builtin').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('templates_name_unique').on(sql`lower(${t.name})`)],
)

/** A workflow's secret inbound URL. Only the token's sha256 is stored; the URL is shown once. */
export const webhookTriggers = pgTable(
  'webhook_triggers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    /** The token's last characters, so people can tell URLs apart without the secret. */
    tokenHint: text('token_hint').notNull(),
    /** HMAC-SHA256 key for `x-relayflow-signature`; kept in clear because verifying needs it. */
    signingSecret: text('signing_secret'),
    enabled: boolean('enabled').notNull().default(true),
    lastTriggeredAt: at('last_triggered_at'),
    createdAt: createdAt(),
    rotatedAt: at('rotated_at'),
  },
  (t) => [
    uniqueIndex('webhook_triggers_workflow_unique').on(t.workflowId),
    uniqueIndex('webhook_triggers_token_hash_unique').on(t.tokenHash),
  ],
)

/** Cron schedules. `next_fire_at` is the claim point: advancing it commits together with the run it starts. */
export const schedules = pgTable(
  'schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    cron: text('cron').notNull(),
    timezone: text('timezone').notNull().default('UTC'),
    inputs: jsonb('inputs').notNull().default({}),
    enabled: boolean('enabled').notNull().default(true),
    /** Null while disabled or when the expression has no future occurrence. */
    nextFireAt: at('next_fire_at'),
    lastFireAt: at('last_fire_at'),
    lastExecutionId: uuid('last_execution_id'),
    /** Occurrences skipped because no scheduler was running at the time (not replayed). */
    missedFires: integer('missed_fires').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('schedules_workflow_idx').on(t.workflowId, t.createdAt),
    index('schedules_due_idx')
      .on(t.nextFireAt)
      .where(sql`${t.enabled}`),
  ],
)

/** One row per fired occurrence; the unique key makes a second fire of the same occurrence impossible. */
export const scheduleFires = pgTable(
  'schedule_fires',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => schedules.id, { onDelete: 'cascade' }),
    /** The occurrence this fire stands for (the latest one due when several were missed). */
    scheduledFor: at('scheduled_for').notNull(),
    firedAt: at('fired_at').notNull(),
    /** `started`, or `failed` when the run could not be started (error says why). */
    status: text('status').notNull(),
    executionId: uuid('execution_id').references(() => executions.id, { onDelete: 'set null' }),
    /** Earlier occurrences skipped in favour of this one. */
    missed: integer('missed').notNull().default(0),
    error: jsonb('error'),
  },
  (t) => [uniqueIndex('schedule_fires_schedule_occurrence_unique').on(t.scheduleId, t.scheduledFor)],
)
export * from './device-schema'
export * from './monitoring-schema'
export * from './auth-schema'

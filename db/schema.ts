// Relayflow's tables. Workflow versions are immutable; executions copy the definition they run,
// so run history survives later edits and deletes.
import { sql } from 'drizzle-orm'
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()

export const workflows = pgTable(
  'workflows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    latestVersion: integer('latest_version').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
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
    lastSeq: integer('last_seq').notNull().default(0),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }),
    /** The execution this one re-runs (rerun from failed steps), if any. */
    rerunOf: uuid('rerun_of'),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('executions_workflow_created_idx').on(t.workflowId, t.createdAt),
    index('executions_status_idx').on(t.status),
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
    runAt: timestamp('run_at', { withTimezone: true }),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    /** New for every claim; a completion applies only while the row still carries its claim's token. */
    leaseToken: uuid('lease_token'),
    /** Attempts that ended because their lease expired (runner crash); they do not count against the retry policy. */
    interruptions: integer('interruptions').notNull().default(0),
    input: jsonb('input'),
    output: jsonb('output'),
    error: jsonb('error'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
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

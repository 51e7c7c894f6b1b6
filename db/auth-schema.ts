// Accounts and security tables: users, browser sessions, login throttling, API tokens, the
// encrypted secrets store and the append-only audit log (docs/security.md).
import { sql } from 'drizzle-orm'
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { at } from './columns'

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** admin, editor, operator or viewer (server/auth/roles.ts). */
    role: text('role').notNull(),
    /** `scrypt$N$r$p$salt$hash` (server/auth/password-hash.ts); never a plain password. */
    passwordHash: text('password_hash').notNull(),
    disabledAt: at('disabled_at'),
    lastLoginAt: at('last_login_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`)],
)

/** Browser sessions. The cookie carries a random token; only its sha256 is stored. */
export const authSessions = pgTable(
  'auth_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: at('created_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId), index('auth_sessions_expires_idx').on(t.expiresAt)],
)

/** Failed sign-ins per key (`account:<email>` or `ip:<address>`), for lockout with backoff. */
export const loginThrottles = pgTable('login_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: at('last_failure_at').notNull(),
  lockedUntil: at('locked_until'),
})

/** Bearer tokens for the CLI and automation; only the sha256 is stored, the token is shown once. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The token acts with at most this role (and never above its owner's current role). */
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The token's last characters, so people can tell tokens apart without the secret. */
    tokenHint: text('token_hint').notNull(),
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
    lastUsedAt: at('last_used_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('api_tokens_token_hash_unique').on(t.tokenHash),
    index('api_tokens_user_idx').on(t.userId),
  ],
)

/** Workflow secrets, AES-256-GCM encrypted; values are never read back through the API. */
export const secrets = pgTable(
  'secrets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** `v1.<iv>.<tag>.<ciphertext>` (base64url), bound to the name as associated data. */
    ciphertext: text('ciphertext').notNull(),
    /** First bytes of sha256(key), to explain a decryption failure after a key change. */
    keyId: text('key_id').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
    rotatedAt: at('rotated_at'),
  },
  (t) => [uniqueIndex('secrets_name_unique').on(t.name)],
)

/** Who did what, when and from where. The app only inserts (a trigger refuses updates and deletes). */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: at('at').notNull().defaultNow(),
    /** user, token, system or anonymous. */
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    /** The actor's email or token name at the time, kept even if the account is deleted. */
    actorLabel: text('actor_label'),
    /** A tRPC path (`workflows.create`) or an auth event (`auth.login`, `auth.login_failed`). */
    action: text('action').notNull(),
    /** success, failure or denied. */
    outcome: text('outcome').notNull(),
    targetId: text('target_id'),
    ip: text('ip'),
    details: jsonb('details').notNull().default({}),
    /** Refusals of one caller for one reason within a minute share a row (server/auth/audit-log.ts). */
    repeatCount: integer('repeat_count').notNull().default(1),
    /** When the last refusal counted in `repeat_count` happened. */
    lastAt: at('last_at'),
    /** `<minute>|<outcome>|<caller>|<reason>` for refusals; null for rows that never collapse. */
    collapseKey: text('collapse_key'),
  },
  (t) => [
    uniqueIndex('audit_events_collapse_unique').on(t.collapseKey),
    index('audit_events_at_idx').on(t.at),
    index('audit_events_action_idx').on(t.action, t.at),
    index('audit_events_actor_idx').on(t.actorId, t.at),
  ],
)

/**
 * The secret values each step attempt was given at dispatch, as the ciphertexts it was resolved
 * from: a finished command is scrubbed with exactly these, whatever happened to the secret since
 * (rotated, deleted). Rows go once the attempt and its commands are over (server/secrets/secret-grants.ts).
 */
export const commandSecretGrants = pgTable(
  'command_secret_grants',
  {
    stepExecutionId: uuid('step_execution_id').notNull(),
    attempt: integer('attempt').notNull(),
    name: text('name').notNull(),
    /** sha256 of the ciphertext: one row per secret version the attempt received. */
    version: text('version').notNull(),
    ciphertext: text('ciphertext').notNull(),
    grantedAt: at('granted_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.stepExecutionId, t.attempt, t.name, t.version] }),
    index('command_secret_grants_granted_idx').on(t.grantedAt),
  ],
)

/** Webhook signatures seen within the signature window: a replayed request is refused. */
export const webhookSignaturesSeen = pgTable(
  'webhook_signatures_seen',
  {
    triggerId: uuid('trigger_id').notNull(),
    /** The request's HMAC (hex). */
    signature: text('signature').notNull(),
    /** After this the timestamp is stale anyway, so the row can go. */
    seenUntil: at('seen_until').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.triggerId, t.signature] }),
    index('webhook_signatures_seen_until_idx').on(t.seenUntil),
  ],
)

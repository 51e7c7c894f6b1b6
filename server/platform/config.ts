// Configuration, read from the environment once and validated, so a typo fails at startup
// with the variable's name rather than somewhere deep in a request.
import path from 'node:path'
import { z } from 'zod'
import { outboundPolicyFrom } from '@/server/platform/outbound-policy'

const ROLES = ['web', 'runner', 'gateway', 'scheduler'] as const
export type Role = (typeof ROLES)[number]

/** Unset or empty: undefined; otherwise a postgres:// URL. */
const ZOptionalPostgresUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'must be a postgres:// or postgresql:// URL',
  })

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: ZOptionalPostgresUrl,
  /** A read replica for analytics and monitoring reads; the primary (DATABASE_URL) when unset. */
  DATABASE_READ_URL: ZOptionalPostgresUrl,
  RELAYFLOW_ROLES: z
    .string()
    .default(ROLES.join(','))
    .transform((v) => v.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.enum(ROLES)).min(1)),
  RELAYFLOW_DATA_DIR: z.string().min(1).default('.data'),
  RELAYFLOW_DEMO_DEVICES: z.enum(['0', '1']).default('1'),
  RELAYFLOW_DEVICE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(300_000).default(5000),
  RELAYFLOW_DEVICE_OFFLINE_MS: z.coerce.number().int().min(300).max(3_600_000).optional(),
  RELAYFLOW_DEVICE_LOST_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  RELAYFLOW_SEED: z.enum(['0', '1']).default('1'),
  RELAYFLOW_RUNNER_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(100_000).default(256),
  /** Accounts and the permission matrix (docs/security.md); `off` (every request acts as admin) is for local experiments only. */
  RELAYFLOW_AUTH: z.enum(['off', 'on']).default('on'),
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy in front of this server. */
  RELAYFLOW_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /** When set, /metrics requires `Authorization: Bearer <this>`. */
  RELAYFLOW_METRICS_TOKEN: z.string().min(16).optional(),
  RELAYFLOW_SECRET_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || Buffer.from(v.trim(), 'base64').length === 32, {
      message: 'must be 32 bytes encoded as base64 (openssl rand -base64 32)',
    }),
  RELAYFLOW_WEBHOOK_ALLOW: z.string().optional(),
  RELAYFLOW_WEBHOOK_DENY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
})

export type Config = {
  port: number
  host: string
  databaseUrl: string | undefined
  /** Analytics and monitoring queries read here when set (docs/analytics.md). */
  databaseReadUrl?: string
  roles: Role[]
  dataDir: string
  demoDevices: boolean
  /** Gateway timing: heartbeat interval told to agents, silence before offline, grace before device_lost. */
  devices: { heartbeatMs: number; offlineAfterMs: number; lostGraceMs: number }
  seed: boolean
  /** Per runner process: most steps executing at once. */
  runnerMaxInFlight: number
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL']
  dev: boolean
  auth: { mode: 'off' | 'on'; trustProxy: boolean; metricsToken: string | undefined }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnv.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  try {
    outboundPolicyFrom(env) // the runner reads the lists itself; a bad range should fail here, at startup
  } catch (error) {
    throw new Error(`Invalid configuration:\n  ${error instanceof Error ? error.message : String(error)}`)
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    roles: [...new Set(e.RELAYFLOW_ROLES)],
    dataDir: path.resolve(e.RELAYFLOW_DATA_DIR),
    demoDevices: e.RELAYFLOW_DEMO_DEVICES === '1',
    devices: {
      heartbeatMs: e.RELAYFLOW_DEVICE_HEARTBEAT_MS,
      offlineAfterMs: e.RELAYFLOW_DEVICE_OFFLINE_MS ?? 3 * e.RELAYFLOW_DEVICE_HEARTBEAT_MS,
      lostGraceMs: e.RELAYFLOW_DEVICE_LOST_GRACE_MS,
    },
    seed: e.RELAYFLOW_SEED === '1',
    runnerMaxInFlight: e.RELAYFLOW_RUNNER_MAX_IN_FLIGHT,
    logLevel: e.LOG_LEVEL,
    dev: e.NODE_ENV === 'development',
    auth: {
      mode: e.RELAYFLOW_AUTH,
      trustProxy: e.RELAYFLOW_TRUST_PROXY === '1',
      metricsToken: e.RELAYFLOW_METRICS_TOKEN,
    },
  }
}

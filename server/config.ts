// Configuration, read from the environment once and validated, so a typo fails at startup
// with the variable's name rather than somewhere deep in a request.
import path from 'node:path'
import { z } from 'zod'

const ROLES = ['web', 'runner', 'gateway', 'scheduler'] as const
export type Role = (typeof ROLES)[number]

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: 'must be a postgres:// or postgresql:// URL',
    }),
  RELAYFLOW_ROLES: z
    .string()
    .default(ROLES.join(','))
    .transform((v) => v.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.enum(ROLES)).min(1)),
  RELAYFLOW_DATA_DIR: z.string().min(1).default('.data'),
  RELAYFLOW_DEMO_DEVICES: z.enum(['0', '1']).default('1'),
  RELAYFLOW_SEED: z.enum(['0', '1']).default('1'),
  RELAYFLOW_RUNNER_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(100_000).default(256),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
})

export type Config = {
  port: number
  host: string
  databaseUrl: string | undefined
  roles: Role[]
  dataDir: string
  demoDevices: boolean
  seed: boolean
  /** Per runner process: most steps executing at once. */
  runnerMaxInFlight: number
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL']
  dev: boolean
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnv.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    roles: [...new Set(e.RELAYFLOW_ROLES)],
    dataDir: path.resolve(e.RELAYFLOW_DATA_DIR),
    demoDevices: e.RELAYFLOW_DEMO_DEVICES === '1',
    seed: e.RELAYFLOW_SEED === '1',
    runnerMaxInFlight: e.RELAYFLOW_RUNNER_MAX_IN_FLIGHT,
    logLevel: e.LOG_LEVEL,
    dev: e.NODE_ENV === 'development',
  }
}

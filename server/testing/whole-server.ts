// A whole Relayflow process, as `npm start` assembles it, on this test run's database: any free
// port, no seed data, silent logs, the roles runner and gateway unless `env` says otherwise.
import { inject } from 'vitest'
import { startRelayflow, type RunningServer } from '@/server/boot/relayflow-server'
import { loadConfig } from '@/server/platform/config'
import { createLogger } from '@/server/platform/logger'

export function startWholeServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const config = loadConfig({
    DATABASE_URL: inject('databaseUrl'),
    PORT: '0',
    HOST: '127.0.0.1',
    RELAYFLOW_ROLES: 'runner,gateway',
    RELAYFLOW_SEED: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...env,
  })
  return startRelayflow(config, createLogger('silent'))
}

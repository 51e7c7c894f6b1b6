// The CLI against a server with auth on: refused without a token (with a hint on how to pass
// one), working with RELAYFLOW_TOKEN or --token.
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it, inject, vi } from 'vitest'
import { loadConfig } from '@/server/platform/config'
import { createLogger } from '@/server/platform/logger'
import { startRelayflow, type RunningServer } from '@/server/boot/relayflow-server'
import { connectTestDatabase, uniqueName } from '@/server/testing/test-api'
import { createApiToken } from './api-token-store'
import { createUser } from './user-store'

vi.setConfig({ testTimeout: 60_000 })

const database = connectTestDatabase()
let server: RunningServer
let token = ''

beforeAll(async () => {
  const config = loadConfig({
    DATABASE_URL: inject('databaseUrl'),
    PORT: '0',
    HOST: '127.0.0.1',
    RELAYFLOW_ROLES: 'runner,gateway',
    RELAYFLOW_SEED: '0',
    RELAYFLOW_AUTH: 'on',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  })
  server = await startRelayflow(config, createLogger('silent'))
  const deps = { db: database.db, clock: { now: () => new Date() } }
  const email = `${uniqueName('cli').replace(/\W+/g, '-')}@example.test`
  const user = await createUser(deps, { email, name: 'CLI', role: 'operator', password: 'operator password' })
  token = (
    await createApiToken(deps, {
      userId: user.id,
      creatorRole: 'operator',
      name: 'cli',
      role: 'viewer',
      expiresInDays: 1,
    })
  ).token
})
afterAll(async () => {
  await server?.stop()
  await database.close()
})

function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['bin/relayflow', ...args], {
    env: { ...process.env, RELAYFLOW_URL: server.url, RELAYFLOW_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out })))
}

describe('CLI with auth on', () => {
  it('is refused without a token, and says how to pass one', async () => {
    const result = await cli(['workflow-status', 'anything'])
    expect(result.code).not.toBe(0)
    expect(result.out).toMatch(/--token/)
  })

  it('works with RELAYFLOW_TOKEN and with --token', async () => {
    const viaEnv = await cli(['status', '--execution-id', '00000000-0000-4000-8000-000000000000'], {
      RELAYFLOW_TOKEN: token,
    })
    expect(viaEnv.out).not.toMatch(/--token/)
    expect(viaEnv.out).toMatch(/does not exist|not found/i)
    const viaFlag = await cli([
      'status',
      '--execution-id',
      '00000000-0000-4000-8000-000000000000',
      '--token',
      token,
    ])
    expect(viaFlag.out).toMatch(/does not exist|not found/i)
  })
})

// The CLI against a server with auth on: refused without a token (with a hint on how to pass
// one), working with RELAYFLOW_TOKEN or --token.
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { RunningServer } from '@/server/boot/relayflow-server'
import { startWholeServer } from '@/server/testing/whole-server'
import { connectTestDatabase, uniqueName } from '@/server/testing/test-api'
import { createApiToken } from './api-token-store'
import { createUser } from './user-store'

vi.setConfig({ testTimeout: 60_000 })

const database = connectTestDatabase()
let server: RunningServer
let token = ''

beforeAll(async () => {
  server = await startWholeServer({ RELAYFLOW_AUTH: 'on' })
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

// The permission matrix, enforced: every tRPC procedure is called unauthenticated and as each
// role with auth on; refusals must match server/auth/permissions.ts exactly. Allowed calls get a
// malformed input, so they fail validation (or read harmlessly) rather than change anything.
import { afterAll, describe, expect, it } from 'vitest'
import { appRouter } from '@/server/api/root-router'
import { loadConfig } from '@/server/platform/config'
import { connectTestDatabase, createTestApi } from '@/server/testing/test-api'
import { apiAs, errorOf, expectRefused, userActor } from '@/server/testing/auth-test-kit'
import { canCall, isPublicPath, requiredRole } from './permissions'
import { ROLES, type Role } from './roles'

const database = connectTestDatabase()
afterAll(() => database.close())

type Procedure = { _def: { type: string; inputs: unknown[] } }
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>)
const PROBE = '\u0000not-an-input'

/**
 * The matrix as docs/security.md states it, written out here so a change to permissions.ts must
 * be a deliberate change to this table too. A whole router can be listed as `name.*`.
 */
const EXPECTED: Record<'public' | Role, readonly string[]> = {
  public: ['auth.status', 'auth.setup', 'auth.login', 'auth.logout'],
  viewer: [
    'workflows.list',
    'workflows.get',
    'workflows.validate',
    'workflows.export',
    'versions.list',
    'versions.get',
    'templates.list',
    'templates.get',
    'runs.get',
    'runs.list',
    'runs.page',
    'runs.events',
    'runs.statuses',
    'runs.wait',
    'runs.workflowSummary',
    'runs.stepCommands',
    'runs.stepLogs',
    'triggers.webhooks.get',
    'triggers.webhooks.deliveries',
    'triggers.schedules.list',
    'triggers.schedules.fires',
    'devices.list',
    'devices.actions',
    'devices.get',
    'devices.commandLogs',
    'monitoring.snapshot',
    'monitoring.series',
    'monitoring.rules',
    'monitoring.alertHistory',
    'monitoring.anomalies',
    'monitoring.analyzeWorkflow',
    'analytics.*',
    'apiTokens.list',
    'apiTokens.create',
    'apiTokens.revoke',
  ],
  operator: ['runs.start', 'runs.cancel', 'runs.resume', 'runs.rerun', 'runs.testStep', 'devices.drain'],
  editor: [
    'workflows.create',
    'workflows.update',
    'workflows.archive',
    'workflows.delete',
    'workflows.duplicate',
    'workflows.import',
    'versions.restore',
    'templates.createFromWorkflow',
    'templates.instantiate',
    'triggers.webhooks.enable',
    'triggers.webhooks.rotate',
    'triggers.webhooks.disable',
    'triggers.schedules.create',
    'triggers.schedules.update',
    'triggers.schedules.delete',
    'secrets.list',
  ],
  admin: [
    'devices.createToken',
    'devices.revoke',
    'monitoring.createRule',
    'monitoring.updateRule',
    'monitoring.deleteRule',
    'users.*',
    'secrets.create',
    'secrets.rotate',
    'secrets.delete',
    'audit.*',
  ],
}

function expectedLevel(path: string): 'public' | Role | undefined {
  const levels = Object.keys(EXPECTED) as ('public' | Role)[]
  const matches = (entry: string) =>
    entry === path || (entry.endsWith('.*') && path.startsWith(entry.slice(0, -1)))
  return levels.find((level) => EXPECTED[level].some(matches))
}

function call(api: unknown, path: string, hasInput: boolean): Promise<unknown> {
  const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], api)
  return (fn as (input?: unknown) => Promise<unknown>)(hasInput ? PROBE : undefined)
}

describe('permission matrix', () => {
  it('covers the whole API', () => {
    expect(procedures.length).toBeGreaterThan(60)
  })

  it('gives every procedure exactly the least role the documented matrix says', () => {
    for (const [path] of procedures) {
      const expected = expectedLevel(path)
      expect(expected, `${path} is missing from the documented matrix`).toBeDefined()
      expect(isPublicPath(path) ? 'public' : requiredRole(path), path).toBe(expected)
    }
    // And the table names nothing that no longer exists.
    const paths = procedures.map(([path]) => path)
    for (const entry of Object.values(EXPECTED).flat()) {
      const exists = entry.endsWith('.*')
        ? paths.some((p) => p.startsWith(entry.slice(0, -1)))
        : paths.includes(entry)
      expect(exists, `${entry} is in the table but not in the router`).toBe(true)
    }
  })

  it('refuses every non-public procedure to callers who are not signed in', async () => {
    const anonymous = apiAs(database, null)
    for (const [path, procedure] of procedures) {
      const error = await errorOf(call(anonymous, path, procedure._def.inputs.length > 0))
      if (isPublicPath(path)) expect(error?.code, path).not.toBe('UNAUTHORIZED')
      else expect(error?.code, path).toBe('UNAUTHORIZED')
    }
  })

  for (const role of ROLES) {
    it(`lets a ${role} call exactly what the matrix allows`, async () => {
      const api = apiAs(database, userActor(role))
      for (const [path, procedure] of procedures) {
        const error = await errorOf(call(api, path, procedure._def.inputs.length > 0))
        if (canCall(role, path)) expect([undefined, 'BAD_REQUEST', 'NOT_FOUND'], path).toContain(error?.code)
        else expect(error?.code, `${role} → ${path}`).toBe('FORBIDDEN')
      }
    })
  }

  it.each<[string, Role, boolean]>([
    ['workflows.create', 'viewer', false],
    ['workflows.create', 'editor', true],
    ['workflows.list', 'viewer', true],
    ['runs.cancel', 'operator', true],
    ['runs.start', 'viewer', false],
    ['runs.testStep', 'viewer', false],
    ['runs.testStep', 'operator', true],
    ['workflows.update', 'operator', false],
    ['devices.drain', 'operator', true],
    ['devices.createToken', 'editor', false],
    ['users.list', 'editor', false],
    ['users.update', 'admin', true],
    ['audit.list', 'editor', false],
    ['secrets.create', 'editor', false],
    ['secrets.list', 'operator', false],
    ['some.future.procedure', 'editor', false],
    ['some.future.procedure', 'admin', true],
  ])('%s as %s: %s', (path, role, allowed) => {
    expect(canCall(role, path)).toBe(allowed)
  })

  it('shows the least role in the refusal, so people know whom to ask', async () => {
    const error = await expectRefused(
      apiAs(database, userActor('viewer')).workflows.create({ definition: {} }),
      'FORBIDDEN',
    )
    expect(error.message).toContain(requiredRole('workflows.create'))
  })

  it('is enforced by default: a fresh install has auth on', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).auth.mode).toBe('on')
    expect(loadConfig({ NODE_ENV: 'test', RELAYFLOW_AUTH: 'off' }).auth.mode).toBe('off')
  })

  it('enforces nothing while auth is off (RELAYFLOW_AUTH=off, local experiments only)', async () => {
    const { api } = createTestApi(database, undefined, { actor: userActor('viewer') })
    await expect(api.users.list()).resolves.toBeInstanceOf(Array)
  })
})

// The permission matrix, enforced: every tRPC procedure is called unauthenticated and as each
// role with auth on; refusals must match server/auth/permissions.ts exactly. Allowed calls get a
// malformed input, so they fail validation (or read harmlessly) rather than change anything.
import { afterAll, describe, expect, it } from 'vitest'
import { appRouter } from '@/server/api/root-router'
import { connectTestDatabase, createTestApi } from '@/server/testing/test-api'
import { apiAs, errorOf, expectRefused, userActor } from './auth-test-kit'
import { canCall, isPublicPath, requiredRole } from './permissions'
import { ROLES, type Role } from './roles'

const database = connectTestDatabase()
afterAll(() => database.close())

type Procedure = { _def: { type: string; inputs: unknown[] } }
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>)
const PROBE = '\u0000not-an-input'

function call(api: unknown, path: string, hasInput: boolean): Promise<unknown> {
  const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], api)
  return (fn as (input?: unknown) => Promise<unknown>)(hasInput ? PROBE : undefined)
}

describe('permission matrix', () => {
  it('covers the whole API', () => {
    expect(procedures.length).toBeGreaterThan(60)
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

  it('enforces nothing while auth is off (the default)', async () => {
    const { api } = createTestApi(database, undefined, { actor: userActor('viewer') })
    await expect(api.users.list()).resolves.toBeInstanceOf(Array)
  })
})

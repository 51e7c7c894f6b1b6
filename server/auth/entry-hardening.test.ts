// Issue 16, findings 4, 7, 8 and 10 replayed over real HTTP against a server with every entry
// point: transformed secrets, non-canonical page paths, API tokens managing accounts, cached
// pages, the referrer policy, secret names told to viewers, and the health endpoints. Each
// refusal is checked for what it left behind: nothing.
import { request } from 'node:http'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import nextConfig from '@/next.config'
import { connectTestDatabase, uniqueName } from '@/server/testing/test-api'
import { createApiToken } from './api-token-store'
import { sessionCookieFor } from '@/server/testing/auth-test-kit'
import { NEXT_PAGE_CACHE_CONTROL, PAGE_BODY, startEntryTestServer } from '@/server/testing/entry-test-server'
import { trpcMutation, trpcQuery } from '@/server/testing/http-test-server'
import { PRIVATE_CACHE_CONTROL } from './private-pages'

const database = connectTestDatabase()
let server: Awaited<ReturnType<typeof startEntryTestServer>>
let admin: Awaited<ReturnType<typeof sessionCookieFor>>
let viewer: Awaited<ReturnType<typeof sessionCookieFor>>
let adminToken = ''

beforeAll(async () => {
  server = await startEntryTestServer(database)
  admin = await sessionCookieFor(database, 'admin')
  viewer = await sessionCookieFor(database, 'viewer')
  const token = await createApiToken(
    { db: database.db, clock: { now: () => new Date() } },
    { userId: admin.userId, creatorRole: 'admin', name: 'automation', role: 'admin', expiresInDays: 365 },
  )
  adminToken = token.token
})
afterAll(async () => {
  await server.close()
  await database.close()
})

const count = async (table: string) =>
  (await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]?.n ?? 0

/** A GET sent exactly as written (like `curl --path-as-is`): fetch would resolve the dots itself. */
function rawGet(path: string, headers: Record<string, string> = {}) {
  const url = new URL(server.base)
  return new Promise<{ status: number; location: string | undefined; body: string }>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('the page guard decides on the canonical path (finding 7)', () => {
  it.each([
    '/_next/../settings/users',
    '/_next/%2e%2e/settings/users',
    '/_next/static/../../settings/users',
    '/login/../settings/users',
    '//settings/users',
    '/_next\\..\\settings\\users',
  ])('does not serve %s without sign-in', async (path) => {
    const reply = await rawGet(path)
    expect(reply.body).not.toBe(PAGE_BODY)
    expect(reply.status).toBe(308)
    expect(reply.location).toBe('/settings/users')
    const followed = await rawGet(reply.location ?? '')
    expect(followed.status).toBe(303)
    expect(followed.location).toMatch(/^\/login/)
  })
})

describe('API tokens cannot manage accounts (finding 8)', () => {
  const bearer = () => ({ authorization: `Bearer ${adminToken}` })

  it('refuses an admin token creating an admin with a known password, and writes nothing', async () => {
    const before = { users: await count('users'), tokens: await count('api_tokens') }
    const email = `${uniqueName('minted').replace(/\W+/g, '-')}@example.test`
    const created = await trpcMutation(
      server.base,
      'users.create',
      { email, name: 'Minted', role: 'admin', password: 'a known password 1' },
      bearer(),
    )
    expect(created.error?.data.code).toBe('FORBIDDEN')
    expect(created.error?.message).toContain('sign in to the web app')
    const minted = await trpcMutation(server.base, 'apiTokens.create', { name: 'long', role: 'admin', expiresInDays: 365 }, bearer())
    expect(minted.error?.data.code).toBe('FORBIDDEN')
    expect({ users: await count('users'), tokens: await count('api_tokens') }).toEqual(before)
  })

  it('refuses an admin token changing a role, resetting a password or deleting a user', async () => {
    const calls = [
      ['users.update', { id: viewer.userId, role: 'admin' }],
      ['users.resetPassword', { id: viewer.userId, password: 'a known password 2' }],
      ['users.delete', { id: viewer.userId }],
    ] as const
    for (const [path, input] of calls)
      expect((await trpcMutation(server.base, path, input, bearer())).error?.data.code, path).toBe('FORBIDDEN')
    const [row] = await database.db.execute<{ role: string }>(sql`SELECT role FROM users WHERE id = ${viewer.userId}`)
    expect(row?.role).toBe('viewer')
    // The token still reads users, and a signed-in admin still manages them.
    expect((await trpcQuery(server.base, 'users.list', undefined, bearer())).error).toBeUndefined()
    const email = `${uniqueName('made').replace(/\W+/g, '-')}@example.test`
    const made = await trpcMutation(
      server.base,
      'users.create',
      { email, name: 'Made', role: 'viewer', password: 'a long password 3' },
      { cookie: admin.cookie },
    )
    expect(made.error).toBeUndefined()
  })
})

describe('secrets are used whole (finding 4)', () => {
  it('refuses to save a workflow that transforms a secret, naming step and path, and saves nothing', async () => {
    const name = `WHOLE_${Math.random().toString(36).slice(2, 8).toUpperCase()}`
    expect((await trpcMutation(server.base, 'secrets.create', { name, value: 'a value' }, { cookie: admin.cookie })).error).toBeUndefined()
    const before = await count('workflows')
    for (const expression of [`secrets.${name}.lowerAscii()`, `secrets.${name}.substring(1)`, `secrets.${name}.split("")`]) {
      const definition = {
        name: uniqueName('transformed secret'),
        steps: [{ id: 'leak', name: 'leak', type: 'command', action: 'echo', params: { out: `{{ ${expression} }}` } }],
      }
      const saved = await trpcMutation(server.base, 'workflows.create', { definition }, { cookie: admin.cookie })
      expect(saved.error?.data.code, expression).toBe('BAD_REQUEST')
      const issues = (saved.error?.data as { issues?: { code: string; stepId?: string; path: unknown[] }[] }).issues ?? []
      expect(issues.find((i) => i.code === 'secret_not_allowed')).toMatchObject({
        stepId: 'leak',
        path: ['steps', 0, 'params', 'out'],
      })
    }
    expect(await count('workflows')).toBe(before)
  })
})

describe('smaller items (finding 10)', () => {
  it('marks signed-in pages private, no-store, whatever Next.js sends; build assets stay cacheable', async () => {
    const page = await fetch(`${server.base}/workflows`, { headers: { cookie: viewer.cookie }, redirect: 'manual' })
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe(PRIVATE_CACHE_CONTROL)
    const login = await fetch(`${server.base}/login`, { redirect: 'manual' })
    expect(login.headers.get('cache-control')).toBe(PRIVATE_CACHE_CONTROL)
    const asset = await fetch(`${server.base}/_next/static/chunks/app.js`, { redirect: 'manual' })
    expect(asset.headers.get('cache-control')).toBe(NEXT_PAGE_CACHE_CONTROL)
  })

  it('sends one Referrer-Policy everywhere, and Next.js sets none of its own', async () => {
    const policies = new Set<string | null>()
    for (const path of ['/workflows', '/api/trpc/auth.status', '/healthz', '/api/hooks/nope', '/login'])
      policies.add((await fetch(server.base + path, { headers: { cookie: viewer.cookie }, redirect: 'manual' })).headers.get('referrer-policy'))
    expect([...policies]).toEqual(['same-origin'])
    expect(nextConfig.headers).toBeUndefined()
  })

  it('answers a viewer validating a workflow the same for existing and unknown secret names', async () => {
    const name = `KNOWN_${Math.random().toString(36).slice(2, 8).toUpperCase()}`
    expect((await trpcMutation(server.base, 'secrets.create', { name, value: 'a value' }, { cookie: admin.cookie })).error).toBeUndefined()
    const validate = async (cookie: string, secret: string) => {
      const definition = {
        name: 'probe',
        steps: [{ id: 'p', name: 'p', type: 'command', action: 'echo', params: { t: `{{ secrets.${secret} }}` } }],
      }
      return (await trpcMutation(server.base, 'workflows.validate', { definition }, { cookie })).data
    }
    expect(await validate(viewer.cookie, name)).toEqual(await validate(viewer.cookie, 'NO_SUCH_SECRET_ANYWHERE'))
    // Editors, who may list secret names, still get told.
    const editor = await sessionCookieFor(database, 'editor')
    expect(JSON.stringify(await validate(editor.cookie, 'NO_SUCH_SECRET_ANYWHERE'))).toContain('unknown_secret')
    expect(JSON.stringify(await validate(editor.cookie, name))).not.toContain('unknown_secret')
  })

  it.each(['/healthz', '/api/health'])('serves %s without sign-in', async (path) => {
    const reply = await fetch(server.base + path)
    expect(reply.status).toBe(200)
    expect(await reply.json()).toEqual({ ok: true })
  })
})

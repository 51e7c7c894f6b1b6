// Entry-point hardening over real HTTP: security headers on every kind of response, the body
// size limit, the optional /metrics token, and pages redirecting to sign-in when auth is on.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiContext } from '@/server/api/context'
import { createRequestRouter } from '@/server/http/request-router'
import { createLogger } from '@/server/platform/logger'
import { connectTestDatabase } from '@/server/testing/test-api'
import type { AuthSettings } from './request-info'

const database = connectTestDatabase()
const servers: Server[] = []

/** The request router with a stand-in for Next.js that answers every page with 200. */
async function start(auth: AuthSettings): Promise<string> {
  const context: ApiContext = {
    db: database.db,
    logger: createLogger('silent'),
    clock: { now: () => new Date() },
    auth,
  }
  const route = createRequestRouter({
    context,
    next: (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<p>page</p>')
    },
  })
  const server = createServer((req, res) => void route(req, res))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

let open = ''
let guarded = ''
beforeAll(async () => {
  open = await start({ mode: 'off', trustProxy: false, metricsToken: 'metrics-token-0123456789' })
  guarded = await start({ mode: 'on', trustProxy: false })
})
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve))
  await database.close()
})

describe('security headers', () => {
  it.each([
    '/healthz',
    '/api/trpc/auth.status',
    '/workflows',
    '/api/schema/workflow-v1.json',
    '/api/hooks/nope',
  ])('are on %s', async (path) => {
    const response = await fetch(open + path)
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).not.toContain('unsafe-eval')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('referrer-policy')).toBe('same-origin')
  })
})

describe('entry points', () => {
  it('refuses tRPC bodies over the size limit', async () => {
    const response = await fetch(`${open}/api/trpc/workflows.validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { definition: { name: 'x'.repeat(3 * 1_048_576) } } }),
    })
    expect(response.status).toBe(413)
  })

  it('asks for the metrics token when one is configured', async () => {
    expect((await fetch(`${open}/metrics`)).status).toBe(401)
    const wrong = await fetch(`${open}/metrics`, { headers: { authorization: 'Bearer nope' } })
    expect(wrong.status).toBe(401)
    const right = await fetch(`${open}/metrics`, {
      headers: { authorization: 'Bearer metrics-token-0123456789' },
    })
    expect(right.status).not.toBe(401)
  })

  it('sends browsers that are not signed in to /login or /setup when auth is on', async () => {
    const response = await fetch(`${guarded}/workflows`, { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toMatch(/^\/(setup|login\?next=%2Fworkflows)$/)
    expect((await fetch(`${guarded}/login`, { redirect: 'manual' })).status).toBe(200)
    expect((await fetch(`${guarded}/_next/static/x.js`, { redirect: 'manual' })).status).toBe(200)
  })

  it('serves pages as before when auth is off', async () => {
    expect((await fetch(`${open}/workflows`, { redirect: 'manual' })).status).toBe(200)
  })
})

// What a client hears when Node's HTTP parser refuses its request before any handler runs.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, expect, it } from 'vitest'
import { answerClientErrors } from './client-errors'

const server = createServer((_req, res) => res.end('handled'))
answerClientErrors(server)
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

it('answers a query string over 16 KiB with 431 and a reason, and serves normal requests', async () => {
  const tooLong = await fetch(`${base}/api/trpc/runs.list?input=${'x'.repeat(20_000)}`)
  expect(tooLong.status).toBe(431)
  expect(await tooLong.text()).toContain('over 16 KiB')
  expect(await (await fetch(`${base}/ok`)).text()).toBe('handled')
})

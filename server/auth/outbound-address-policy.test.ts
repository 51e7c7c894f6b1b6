// The webhook step's SSRF guard: link-local and cloud metadata addresses are refused (also behind
// DNS names, IPv4-mapped IPv6 and redirects), allow/deny lists adjust it, and a refused step
// fails without retrying.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRunnerHarness, startTestRun, waitForRun } from '@/server/testing/runner-test-kit'
import { guardedFetch, OutboundRefusedError } from './guarded-fetch'
import { isAddressAllowed, outboundPolicyFrom } from '@/server/platform/outbound-policy'
import { refusalFor } from './outbound-address-policy'

const defaults = outboundPolicyFrom({})

describe('outbound address policy', () => {
  it.each([
    ['169.254.169.254', false],
    ['169.254.170.2', false],
    ['fe80::1', false],
    ['::ffff:169.254.169.254', false],
    ['fd00:ec2::254', false],
    ['100.100.100.200', false],
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['93.184.216.34', true],
    ['2606:4700::1111', true],
  ])('%s allowed by default: %s', (address, allowed) => {
    expect(isAddressAllowed(defaults, address)).toBe(allowed)
  })

  it('refuses the metadata endpoint by IP, with a message saying how to allow it', async () => {
    const refusal = await refusalFor(new URL('http://169.254.169.254/latest/meta-data/'), defaults)
    expect(refusal).toMatch(/refused/)
    expect(refusal).toMatch(/RELAYFLOW_WEBHOOK_ALLOW/)
    expect(await refusalFor(new URL('http://[fe80::1]/'), defaults)).toMatch(/refused/)
  })

  it('resolves names first: a name pointing at a metadata address is refused', async () => {
    const resolve = (host: string) =>
      Promise.resolve(host === 'metadata.example.test' ? ['10.0.0.5', '169.254.169.254'] : ['93.184.216.34'])
    expect(await refusalFor(new URL('https://metadata.example.test/'), defaults, resolve)).toMatch(
      /169\.254\.169\.254/,
    )
    expect(await refusalFor(new URL('https://example.test/'), defaults, resolve)).toBeUndefined()
  })

  it('lets RELAYFLOW_WEBHOOK_ALLOW re-open a range and RELAYFLOW_WEBHOOK_DENY close one (deny wins)', () => {
    const policy = outboundPolicyFrom({
      RELAYFLOW_WEBHOOK_ALLOW: '169.254.10.0/24, 10.9.9.9',
      RELAYFLOW_WEBHOOK_DENY: '10.0.0.0/8',
    })
    expect(isAddressAllowed(policy, '169.254.10.7')).toBe(true)
    expect(isAddressAllowed(policy, '169.254.169.254')).toBe(false)
    expect(isAddressAllowed(policy, '10.1.2.3')).toBe(false)
    expect(isAddressAllowed(policy, '10.9.9.9')).toBe(false)
  })

  it('names the variable when a range does not parse', () => {
    expect(() => outboundPolicyFrom({ RELAYFLOW_WEBHOOK_DENY: '10.0.0.0/99' })).toThrow(
      /RELAYFLOW_WEBHOOK_DENY/,
    )
    expect(() => outboundPolicyFrom({ RELAYFLOW_WEBHOOK_ALLOW: 'not-an-ip' })).toThrow(
      /RELAYFLOW_WEBHOOK_ALLOW/,
    )
  })

  it('refuses schemes other than http and https', async () => {
    expect(await refusalFor(new URL('file:///etc/passwd'), defaults)).toMatch(/Only http and https/)
  })
})

describe('guarded fetch', () => {
  const server = createServer((req, res) => {
    if (req.url === '/to-metadata') res.writeHead(302, { location: 'http://169.254.169.254/latest/' }).end()
    else if (req.url === '/hop') res.writeHead(302, { location: '/final' }).end()
    else res.writeHead(200, { 'content-type': 'text/plain' }).end(`at ${req.url}`)
  })
  let base = ''
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise((resolve) => server.close(resolve)))

  it('follows ordinary redirects', async () => {
    const response = await guardedFetch(`${base}/hop`, { method: 'GET' })
    expect(await response.text()).toBe('at /final')
  })

  it('refuses a redirect to the metadata endpoint before requesting it', async () => {
    await expect(guardedFetch(`${base}/to-metadata`, { method: 'GET' })).rejects.toBeInstanceOf(
      OutboundRefusedError,
    )
  })
})

describe('webhook step', () => {
  const { database, clock } = createRunnerHarness()

  it('fails without retrying when its URL is refused', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'ssrf attempt',
      steps: [
        {
          id: 'steal',
          name: 'steal',
          type: 'webhook',
          retryPolicy: { maxAttempts: 3 },
          request: { method: 'GET', url: 'http://169.254.169.254/latest/meta-data/iam/' },
        },
      ],
    })
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('failed')
    expect(run.steps.steal?.error).toMatchObject({ code: 'url_refused', retryable: false })
    expect(run.steps.steal?.attempt).toBe(1)
  })
})

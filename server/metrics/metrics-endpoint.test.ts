// /metrics after real runs: counters and histograms count exactly the steps and runs that finished.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { createLogger } from '@/server/platform/logger'
import { createRunnerHarness, echoStep, startTestRun, waitForRun } from '@/server/testing/runner-test-kit'
import { startTestHttpServer } from '@/server/testing/trigger-test-kit'
import { createMetricsHandler } from './metrics-http-handler'
import { parsePrometheusText } from '@/server/testing/monitoring-test-kit'

const { database, clock } = createRunnerHarness()
const context = { db: database.db, logger: createLogger('silent'), clock }

async function serve(handler: ReturnType<typeof createMetricsHandler>, seen: { text?: string } = {}) {
  const server = createServer((req, res) => void handler(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return async () => {
    const res = await fetch(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/plain')
    seen.text = await res.text()
    return parsePrometheusText(seen.text)
  }
}

describe('GET /metrics', () => {
  it('is routed by the request router and serves process metrics', async () => {
    const http = await startTestHttpServer(context)
    try {
      const res = await fetch(`${http.base}/metrics`)
      expect(res.status).toBe(200)
      const metrics = parsePrometheusText(await res.text())
      expect(metrics.has('nodejs_eventloop_lag_seconds')).toBe(true)
      expect(metrics.has('relayflow_ready_queue_depth')).toBe(true)
      expect((await fetch(`${http.base}/metrics`, { method: 'POST' })).status).toBe(405)
    } finally {
      await http.close()
    }
  })

  it('counts finished steps and runs by status, with duration and dispatch histograms', async () => {
    const scrape = await serve(createMetricsHandler(context, { cacheMs: 0, settleMs: 0 }))
    const before = await scrape()
    expect(before.value('relayflow_steps_finished_total', { status: 'succeeded' })).toBe(0)

    const chain = {
      name: 'metrics chain',
      steps: [echoStep('a'), echoStep('b', { dependencies: ['a'] }), echoStep('c', { dependencies: ['b'] })],
    }
    const failing = {
      name: 'metrics failing',
      steps: [{ id: 'boom', name: 'boom', type: 'command', action: 'fail', params: { code: 'disk_full' } }],
    }
    const runs = await Promise.all([
      startTestRun(database, clock, chain),
      startTestRun(database, clock, chain),
      startTestRun(database, clock, failing),
    ])
    for (const run of runs) await waitForRun(database, run.executionId)

    const after = await scrape()
    const echo = { action: 'echo', status: 'succeeded', type: 'command' }
    expect(after.value('relayflow_step_duration_seconds_count', echo)).toBe(6)
    expect(
      after.value('relayflow_step_duration_seconds_count', {
        action: 'fail',
        status: 'failed',
        type: 'command',
      }),
    ).toBe(1)
    expect(after.value('relayflow_steps_finished_total', { status: 'succeeded' })).toBe(6)
    expect(after.value('relayflow_steps_finished_total', { status: 'failed' })).toBe(1)
    expect(after.value('relayflow_runs_finished_total', { status: 'succeeded' })).toBe(2)
    expect(after.value('relayflow_runs_finished_total', { status: 'failed' })).toBe(1)
    expect(after.value('relayflow_run_duration_seconds_count', { status: 'succeeded' })).toBe(2)
    expect(after.value('relayflow_step_dispatch_latency_seconds_count', { type: 'command' })).toBe(7)
    // Histogram buckets are cumulative: +Inf holds every observation.
    expect(after.value('relayflow_step_duration_seconds_bucket', { le: '+Inf', ...echo })).toBe(6)

    // A second scrape does not count the same work twice.
    const again = await scrape()
    expect(again.value('relayflow_steps_finished_total', { status: 'succeeded' })).toBe(6)
    expect(again.value('relayflow_runs', { status: 'running' })).toBe(
      after.value('relayflow_runs', { status: 'running' }),
    )
  })

  it('keeps the action label bounded: names no device offers count as "other" (issue 16, finding 10)', async () => {
    const raw: { text?: string } = {}
    const scrape = await serve(createMetricsHandler(context, { cacheMs: 0, settleMs: 0 }), raw)
    const made = Array.from({ length: 30 }, (_, i) => `probe.${i}-${Math.random().toString(36).slice(2, 8)}`)
    const runs = await Promise.all(
      made.map((action) =>
        startTestRun(database, clock, { name: 'label flood', steps: [{ id: 'x', name: 'x', type: 'command', action }] }),
      ),
    )
    for (const run of runs) await waitForRun(database, run.executionId)
    const after = await scrape()
    for (const action of made) expect(raw.text).not.toContain(action)
    expect(after.value('relayflow_step_duration_seconds_count', { action: 'other', status: 'failed', type: 'command' })).toBe(30)
  })
})

// `relayflow load-test`: starts N runs at once of a no-op workflow (created for the test, then
// archived) or of --workflow-id, waits for all of them and prints throughput and step latency as JSON.
import { MAX_RUN_STATUS_IDS } from '@/server/api/routers/runs/get-run-statuses.types'
import { isTerminalExecutionStatus } from '@/server/engine/run/run-status'
import type { ApiClient } from '../api-client'
import { CliError, EXIT_FAILED, EXIT_OK } from '../cli-errors'
import { integerOption, stringOption } from '../command-line'
import type { CommandSpec } from '../command-spec'
import { mapWithConcurrency, summarizeDurations } from '../latency-stats'
import { sleep } from '../wait-for-run'

const START_CONCURRENCY = 32
const POLL_MS = 250

type RunStatuses = Awaited<ReturnType<ApiClient['runs']['statuses']['query']>>['runs']

export const loadTestCommand: CommandSpec = {
  name: 'load-test',
  summary: 'Start N runs at once, wait for all, print throughput and step latency as JSON',
  options: {
    'concurrent-workflows': {
      type: 'string',
      valueName: '<n>',
      description: 'How many runs to start (default 100, at most 10000)',
    },
    'workflow-id': {
      type: 'string',
      valueName: '<id>',
      description: 'Run this workflow (no inputs) instead of a generated no-op one',
    },
    timeout: {
      type: 'string',
      valueName: '<seconds>',
      description: 'Give up waiting after this long (default 600)',
    },
  },
  examples: ['npm run test:load -- --concurrent-workflows=1000'],
  async run({ values, api, out }) {
    const count = integerOption(values, 'concurrent-workflows', 'load-test', { min: 1, max: 10_000 }) ?? 100
    const timeoutMs = (integerOption(values, 'timeout', 'load-test', { min: 1 }) ?? 600) * 1000
    const givenId = stringOption(values, 'workflow-id')
    const workflowId = givenId ?? (await createNoopWorkflow(api))
    if (!out.json) out.note(`Starting ${count} runs of workflow ${workflowId}…`)
    try {
      const startedAt = Date.now()
      const ids = await mapWithConcurrency(Array.from({ length: count }), START_CONCURRENCY, async () => {
        const { executionId } = await api.runs.start.mutate({ workflowId, inputs: {} })
        return executionId
      })
      const startMs = Date.now() - startedAt
      await waitForAll(api, ids, startedAt + timeoutMs)
      const durationMs = Date.now() - startedAt
      const runs = await fetchStatuses(api, ids, true)
      const report = buildReport({ workflowId, runs, durationMs, startMs })
      out.value(report)
      return report.failures === 0 ? EXIT_OK : EXIT_FAILED
    } finally {
      if (!givenId) await api.workflows.archive.mutate({ id: workflowId, archived: true })
    }
  },
}

async function createNoopWorkflow(api: ApiClient): Promise<string> {
  const created = await api.workflows.create.mutate({
    definition: {
      schemaVersion: 1,
      name: `Load test no-op ${new Date().toISOString()}`,
      description: 'Created by `relayflow load-test`; archived when the test ends.',
      // A condition needs no device, so the test measures the runner, not a fleet.
      steps: [{ id: 'noop', name: 'No-op', type: 'condition', expression: 'true' }],
    },
  })
  return created.workflowId
}

async function fetchStatuses(api: ApiClient, ids: string[], withSteps: boolean): Promise<RunStatuses> {
  const chunks: string[][] = []
  for (let i = 0; i < ids.length; i += MAX_RUN_STATUS_IDS) chunks.push(ids.slice(i, i + MAX_RUN_STATUS_IDS))
  const pages = await mapWithConcurrency(chunks, 4, (chunk) =>
    api.runs.statuses.query({ ids: chunk, withSteps }),
  )
  return pages.flatMap((p) => p.runs)
}

async function waitForAll(api: ApiClient, ids: string[], deadline: number): Promise<void> {
  let pending = ids
  while (pending.length > 0) {
    const runs = await fetchStatuses(api, pending, false)
    const unfinished = new Set(runs.filter((r) => !isTerminalExecutionStatus(r.status)).map((r) => r.id))
    pending = pending.filter((id) => unfinished.has(id))
    if (pending.length === 0) return
    if (Date.now() >= deadline) {
      throw new CliError(
        `${pending.length} of ${ids.length} runs had not ended when the timeout passed.`,
        EXIT_FAILED,
        [],
        'WAIT_TIMEOUT',
      )
    }
    await sleep(POLL_MS)
  }
}

function buildReport(input: { workflowId: string; runs: RunStatuses; durationMs: number; startMs: number }) {
  const { runs, durationMs } = input
  const statuses: Record<string, number> = {}
  for (const run of runs) statuses[run.status] = (statuses[run.status] ?? 0) + 1
  const stepDurations = runs.flatMap((r) =>
    (r.steps ?? []).flatMap((s) =>
      s.startedAt && s.finishedAt ? [s.finishedAt.getTime() - s.startedAt.getTime()] : [],
    ),
  )
  const runDurations = runs.flatMap((r) =>
    r.startedAt && r.finishedAt ? [r.finishedAt.getTime() - r.startedAt.getTime()] : [],
  )
  return {
    workflowId: input.workflowId,
    runs: runs.length,
    durationMs,
    startDurationMs: input.startMs,
    runsPerSecond: Math.round((runs.length / Math.max(durationMs, 1)) * 1000 * 10) / 10,
    stepDurationMs: summarizeDurations(stepDurations),
    runDurationMs: summarizeDurations(runDurations),
    statuses,
    failures: runs.filter((r) => r.status !== 'succeeded').length,
  }
}

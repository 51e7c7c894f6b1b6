// The `relayflow` CLI as a person or a script uses it: the real launcher in a child process,
// talking HTTP to a real server (tRPC + runner over the demo fleet) on the test database.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findFreePort } from '@/db/embedded-postgres'
import type { RunningServer } from '@/server/boot/relayflow-server'
import { startWholeServer } from '@/server/testing/whole-server'
import { createApiToken } from '@/server/auth/api-token-store'
import { createUser } from '@/server/auth/user-store'
import { connectTestDatabase, uniqueName } from '@/server/testing/test-api'
import { createApiClient, type ApiClient } from './api-client'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
let server: RunningServer
let api: ApiClient
/** Auth is on: the CLI and this test's own client use an editor's API token, as a script would. */
let token = ''

/** An editor account and an API token of theirs, written straight to the test database. */
async function createEditorToken(): Promise<string> {
  const database = connectTestDatabase()
  try {
    const deps = { db: database.db, clock: { now: () => new Date() } }
    const email = `${uniqueName('cli-editor').replace(/\W+/g, '-')}@example.test`
    const user = await createUser(deps, {
      email,
      name: 'CLI editor',
      role: 'editor',
      password: 'editor password 1',
    })
    const created = await createApiToken(deps, {
      userId: user.id,
      creatorRole: 'editor',
      name: 'cli test',
      role: 'editor',
      expiresInDays: 1,
    })
    return created.token
  } finally {
    await database.close()
  }
}

beforeAll(async () => {
  server = await startWholeServer()
  token = await createEditorToken()
  api = createApiClient(server.url, token)
})
afterAll(async () => {
  await server?.stop()
})

type CliResult = { code: number | null; stdout: string; stderr: string }

/** Starts `node bin/relayflow <args>` against the test server; `stdout()` is what it printed so far. */
function startCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['bin/relayflow', ...args], {
    cwd: repoRoot,
    env: { ...process.env, RELAYFLOW_URL: server.url, RELAYFLOW_TOKEN: token, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const result = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
  return { result, stdout: () => stdout }
}

function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return startCli(args, env).result
}

async function createWorkflow(definition: Record<string, unknown>): Promise<{ id: string; name: string }> {
  const name = uniqueName(String(definition.name))
  const saved = await api.workflows.create.mutate({ definition: { schemaVersion: 1, ...definition, name } })
  return { id: saved.workflowId, name }
}

const echoWorkflow = {
  name: 'CLI echo',
  inputs: {
    type: 'object',
    properties: { count: { type: 'integer' }, label: { type: 'string' }, dryRun: { type: 'boolean' } },
    required: ['count'],
  },
  steps: [
    { id: 'build', name: 'Build', type: 'command', action: 'echo', params: { count: '{{ inputs.count }}' } },
    {
      id: 'check',
      name: 'Check',
      type: 'condition',
      expression: 'inputs.count == 3',
      dependencies: ['build'],
    },
  ],
}
const gatedWorkflow = {
  name: 'CLI gate',
  steps: [{ id: 'gate', name: 'Gate', type: 'wait', wait: { kind: 'signal', signal: 'approval' } }],
}
const failingWorkflow = {
  name: 'CLI failing',
  steps: [
    {
      id: 'boom',
      name: 'Boom',
      type: 'command',
      action: 'fail',
      params: { code: 'disk_full', message: 'No space left on device', retryable: false },
    },
  ],
}

async function waitUntilGateWaits(id: string): Promise<void> {
  await expect
    .poll(async () => (await api.runs.get.query({ id })).steps[0]?.status, { timeout: 10_000 })
    .toBe('waiting')
}

describe('relayflow CLI', { timeout: 60_000 }, () => {
  it('runs a workflow by name with typed --input values, waits, and exits 0', async () => {
    const workflow = await createWorkflow(echoWorkflow)
    const result = await cli([
      'run',
      workflow.name,
      '--input',
      'count=3',
      '--input',
      'label=nightly',
      '--input',
      'dryRun=true',
      '--wait',
    ])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const [runId, summary] = result.stdout.trim().split('\n')
    expect(summary).toMatch(new RegExp(`^Run ${runId} succeeded in `))
    const run = await api.runs.get.query({ id: runId! })
    expect(run.inputs).toEqual({ count: 3, label: 'nightly', dryRun: true })
    expect(run.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['build', 'succeeded'],
      ['check', 'succeeded'],
    ])
  })

  it('refuses invalid inputs with exit 2 and names every field', async () => {
    const workflow = await createWorkflow(echoWorkflow)
    const result = await cli(['run', workflow.id, '--input', 'count=three', '--input', 'extra=1'])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('inputs.count: Input "count" must be an integer, got string.')
    expect(result.stderr).toContain('inputs.extra: Unknown input "extra"')
    expect((await api.runs.list.query({ workflowId: workflow.id })).total).toBe(0)

    const json = await cli(['run', workflow.id, '--input', 'count=three', '--json'])
    expect(json.code).toBe(2)
    const body = JSON.parse(json.stdout) as { error: { code: string; details: string[] } }
    expect(body.error.code).toBe('BAD_REQUEST')
    expect(body.error.details).toEqual(['inputs.count: Input "count" must be an integer, got string.'])
  })

  it('a run that succeeded through a failure handler says so in run --wait and status', async () => {
    const workflow = await createWorkflow({
      name: 'CLI handled',
      steps: [
        { ...failingWorkflow.steps[0], onFailure: 'cleanup' },
        { id: 'cleanup', name: 'Clean up', type: 'command', action: 'echo' },
      ],
    })
    const waited = await cli(['run', workflow.id, '--wait'])
    expect(waited.code).toBe(0)
    const [executionId, summary] = waited.stdout.trim().split('\n')
    expect(summary).toMatch(/ succeeded with 1 handled failure in /)
    const text = await cli(['status', executionId!])
    expect(text.stdout).toMatch(/^Status\s+succeeded with 1 handled failure$/m)
    const json = JSON.parse((await cli(['status', executionId!, '--json'])).stdout) as Record<string, unknown>
    expect(json).toMatchObject({ status: 'succeeded', handledFailures: 1 })
  })

  it('refuses with exit 2 a run no registered device can place, naming the step and what is missing', async () => {
    const workflow = await createWorkflow({
      name: 'CLI disk check',
      steps: [
        {
          id: 'disk',
          name: 'Disk',
          type: 'command',
          action: 'check.disk',
          target: { selector: { tags: ['eu'] } },
        },
      ],
    })
    const result = await cli(['run', workflow.name, '--wait'])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(
      /steps\[0\]\.target: No device offers `check\.disk` with tag `eu`; 0 of \d+ online devices? match\./,
    )
    expect((await api.runs.list.query({ workflowId: workflow.id })).total).toBe(0)
  })

  it('status and logs say why a running step waits for a device', async () => {
    const workflow = await createWorkflow({
      name: 'CLI waiting',
      inputs: { type: 'object', properties: { tag: { type: 'string' } } },
      steps: [
        {
          id: 'greet',
          name: 'Greet',
          type: 'command',
          action: 'echo',
          placementTimeout: '5m',
          target: { selector: { tags: ['{{ inputs.tag }}'] } },
        },
      ],
    })
    const { executionId } = await api.runs.start.mutate({
      workflowId: workflow.id,
      inputs: { tag: 'nowhere' },
    })
    const waiting =
      /^greet: waiting for a device: no device offers `echo` with tag `nowhere`; 0 of \d+ online devices? match; the step fails with no_capable_device at \S+ unless one comes online \(placementTimeout 5m\)$/m
    await expect
      .poll(async () => (await cli(['status', executionId])).stdout, { timeout: 15_000 })
      .toMatch(waiting)
    const logs = await cli(['logs', executionId])
    expect(logs.stdout).toMatch(
      /\s+step\.awaiting_device\s+greet\s+attempt 1: waiting for a device: no device offers `echo`/,
    )
    const json = JSON.parse((await cli(['status', executionId, '--json'])).stdout) as {
      steps: { stepId: string; waitingFor?: string }[]
    }
    expect(json.steps[0]?.waitingFor).toMatch(/^waiting for a device: /)
    await api.runs.cancel.mutate({ id: executionId })
  })

  it('status prints the run and a table of its steps; --json gives the same as data', async () => {
    const workflow = await createWorkflow(failingWorkflow)
    const waited = await cli(['run', workflow.id, '--wait'])
    expect(waited.code).toBe(1)
    const [executionId, summary] = waited.stdout.trim().split('\n')
    expect(summary).toMatch(/ failed in /)

    const text = await cli(['status', executionId!])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^Status\s+failed$/m)
    expect(text.stdout).toContain(`Workflow  ${workflow.name} v1 (${workflow.id})`)
    expect(text.stdout).toMatch(/^STEP\s+STATUS\s+ATTEMPTS\s+DURATION\s+ERROR$/m)
    expect(text.stdout).toMatch(/^boom\s+failed\s+1\s+\d+ ms\s+disk_full: No space left on device$/m)

    const json = await cli(['status', '--execution-id', executionId!, '--json'])
    const report = JSON.parse(json.stdout) as { status: string; steps: { stepId: string; error: unknown }[] }
    expect(report.status).toBe('failed')
    expect(report.steps).toMatchObject([
      { stepId: 'boom', error: { code: 'disk_full', message: 'No space left on device' } },
    ])
  })

  it('logs prints every event as `time seq type step message`, and --follow stops when the run ends', async () => {
    const workflow = await createWorkflow(gatedWorkflow)
    const { executionId } = await api.runs.start.mutate({ workflowId: workflow.id })
    await waitUntilGateWaits(executionId)

    const before = await cli(['logs', executionId])
    expect(before.code).toBe(0)
    const lines = before.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z\s+1 run\.started\s+-\s+version 1, trigger manual$/)
    expect(lines.at(-1)).toMatch(/\s+step\.waiting\s+gate\s+attempt 1, signal approval$/)

    const following = startCli(['logs', executionId, '--follow', '--json'])
    await expect.poll(following.stdout, { timeout: 20_000 }).toContain('"type":"step.waiting"')
    await api.runs.resume.mutate({ id: executionId, stepId: 'gate', payload: { ok: true } })
    const followed = await following.result
    expect(followed.code).toBe(0)
    const events = followed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { seq: number; type: string })
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1))
    expect(events.at(-1)?.type).toBe('run.succeeded')
  })

  it('cancels a waiting run; a second cancel is refused with exit 1', async () => {
    const workflow = await createWorkflow(gatedWorkflow)
    const started = await cli(['run', workflow.name, '--json'])
    const { executionId } = JSON.parse(started.stdout) as { executionId: string }
    await waitUntilGateWaits(executionId)

    const cancelled = await cli(['cancel', executionId])
    expect(cancelled).toMatchObject({ code: 0, stdout: `Run ${executionId} cancelled.\n` })
    const run = await api.runs.get.query({ id: executionId })
    expect(run.status).toBe('cancelled')
    expect(run.steps[0]?.status).toBe('cancelled')

    const again = await cli(['cancel', executionId])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already ended (cancelled)')
  })

  it('workflow-status summarises runs; test-workflow reports each step and fails with exit 1', async () => {
    const workflow = await createWorkflow(failingWorkflow)
    const tested = await cli(['test-workflow', `--workflow-id=${workflow.id}`])
    expect(tested.code).toBe(1)
    expect(tested.stdout).toMatch(/^boom\s+failed\s+1\s+\S+ ms\s+disk_full: No space left on device$/m)
    expect(tested.stdout).toContain(`FAIL  ${workflow.name}`)

    const status = await cli(['workflow-status', workflow.name])
    expect(status.code).toBe(0)
    expect(status.stdout).toContain('Latest    v1')
    expect(status.stdout).toContain('Runs      1 total: 1 failed')
    const json = await cli(['workflow-status', workflow.id, '--json'])
    expect(JSON.parse(json.stdout)).toMatchObject({
      total: 1,
      counts: { failed: 1 },
      lastRun: { status: 'failed' },
    })

    const analyzed = await cli(['analyze', workflow.name, '--range', '1h'])
    expect(analyzed.code).toBe(0)
    expect(analyzed.stdout).toContain('Runs      1: 1 failed')
    expect(analyzed.stdout).toMatch(/^boom\s+command\s+1\s+100\.0%/m)
    const badRange = await cli(['analyze', workflow.name, '--range', 'forever'])
    expect(badRange.code).toBe(2)
    expect(badRange.stderr).toContain('range')

    // Without a workflow: every workflow, as `npm run workflow:analyze -- --time-range=1h` runs it.
    const system = await cli(['analyze', '--time-range=1h'])
    expect(system.code, system.stderr).toBe(0)
    expect(system.stdout).toContain('All workflows, last 1h')
    expect(system.stdout).toMatch(/Top failing steps\n.*\n.*boom\s+\d+\s+100\.0%.*disk_full×1/)
    const systemJson = JSON.parse((await cli(['analyze', '--range', '1h', '--json'])).stdout) as {
      steps: { topFailing: { stepId: string }[] }
    }
    expect(systemJson.steps.topFailing.map((s) => s.stepId)).toContain('boom')
  })

  it('load-test starts N runs of a no-op workflow and reports throughput and step latency', async () => {
    const result = await cli(['load-test', '--concurrent-workflows=5'])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as Record<string, unknown>
    expect(report).toMatchObject({ runs: 5, failures: 0, statuses: { succeeded: 5 } })
    expect(report.stepDurationMs).toMatchObject({ count: 5 })
    expect(report.runsPerSecond).toBeGreaterThan(0)
  })

  it('refuses unknown commands and options with exit 2, and names the URL it cannot reach', async () => {
    const unknown = await cli(['launch'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Unknown command "launch"')
    const badOption = await cli(['status', '--colour'])
    expect(badOption.code).toBe(2)
    expect(badOption.stderr).toContain('Unknown option --colour for `relayflow status`')
    const help = await cli(['logs', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: relayflow logs <run> [options]')

    const nobody = `http://127.0.0.1:${await findFreePort()}`
    const unreachable = await cli(['status', '00000000-0000-4000-8000-000000000000'], {
      RELAYFLOW_URL: nobody,
    })
    expect(unreachable.code).toBe(3)
    expect(unreachable.stderr).toContain(`Cannot reach the Relayflow server at ${nobody} (ECONNREFUSED)`)
  })
})

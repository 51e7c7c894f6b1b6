// Issue 15 §3 over real HTTP: JSON nested 5,000 deep, lone surrogates and NUL are refused at every
// entry (tRPC, workflow import, run inputs, signal payloads, webhook bodies) with a 400/422 naming
// the field and nothing written; and any stored run reads back, even one stored before the guard.
import { spawn } from 'node:child_process'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEEP_VALUE_MARKER, MAX_READ_DEPTH } from '@/contracts/json-guard'
import { connectTestDatabase, createTestApi, uniqueName } from '@/server/testing/test-api'
import { startTestHttpServer } from '@/server/testing/trigger-test-kit'
import { rowCounts } from '@/server/testing/fuzz-kit'

const database = connectTestDatabase()
const { api, context } = createTestApi(database)
let http: Awaited<ReturnType<typeof startTestHttpServer>>

beforeAll(async () => {
  http = await startTestHttpServer(context)
})
afterAll(async () => {
  await http.close()
  await database.close()
})

const TABLES = ['workflows', 'workflow_versions', 'executions', 'step_executions', 'execution_events'] as const

/** JSON text of `{"a":{"a":…1…}}` with `levels` objects, built as text: JSON.stringify would overflow. */
const deepJson = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels)
/** A JSON string literal holding a lone high surrogate, as a client's JSON.stringify writes it. */
const LONE = '"\\ud800"'

type Refusal = { status: number; message: string; paths: string[] }

/** POSTs a tRPC mutation whose input is given as raw JSON text (superjson's `{ json }` envelope). */
async function mutateRaw(path: string, inputJson: string): Promise<Refusal & { body: unknown }> {
  const response = await fetch(`${http.base}/api/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"json":${inputJson}}`,
  })
  const body = (await response.json()) as {
    error?: { json: { message: string; data: { issues?: { path: (string | number)[] }[] } } }
  }
  const error = body.error?.json
  return {
    status: response.status,
    message: error?.message ?? '',
    paths: (error?.data.issues ?? []).map((i) => i.path.join('.')),
    body,
  }
}

function document(name: string, params: string = '{}') {
  return `{"schemaVersion":1,"name":${JSON.stringify(name)},"steps":[{"id":"go","name":"Go","type":"command","action":"echo","params":${params}}]}`
}

/** The path of the first container past the limit: the prefix, then `a` keys (depth counts from the input's root). */
const deepPath = (prefix: string) => new RegExp(`^${prefix.replaceAll('.', '\\.')}(\\.a)+$`)

describe('JSON crossing a boundary is refused naming the field, and nothing is written', () => {
  it('workflows.import with params nested 5,000 deep, or a name holding a lone surrogate', async () => {
    const before = await rowCounts(database, TABLES)
    const deep = await mutateRaw('workflows.import', JSON.stringify({ json: document(uniqueName('Deep'), deepJson(5000)) }))
    expect(deep.status).toBe(400)
    expect(deep.paths).toEqual([expect.stringMatching(deepPath('steps.0.params'))])
    expect(JSON.stringify(deep.body)).toContain('is nested more than 64 levels deep')

    const named = await mutateRaw('workflows.import', `{"json":${JSON.stringify(document('fine'))},"name":${LONE}}`)
    expect(named.status).toBe(400)
    expect(named.paths).toEqual(['name'])
    expect(named.message).toContain('name contains a lone UTF-16 surrogate')
    expect(await rowCounts(database, TABLES)).toEqual(before)
  })

  it('workflows.create with a deep or ill-formed definition', async () => {
    const before = await rowCounts(database, TABLES)
    const deep = await mutateRaw('workflows.create', `{"definition":${document('deep', deepJson(5000))}}`)
    expect(deep.status).toBe(400)
    expect(deep.paths).toEqual([expect.stringMatching(deepPath('definition.steps.0.params'))])
    const lone = await mutateRaw('workflows.create', `{"definition":${document('lone', `{"m":${LONE}}`)}}`)
    expect(lone.status).toBe(400)
    expect(lone.paths).toEqual(['definition.steps.0.params.m'])
    expect(await rowCounts(database, TABLES)).toEqual(before)
  })

  it('runs.start with inputs nested 5,000 deep, and runs.resume with a lone surrogate in the payload', async () => {
    const saved = await api.workflows.create({
      definition: {
        schemaVersion: 1,
        name: uniqueName('Gate'),
        steps: [{ id: 'gate', name: 'Gate', type: 'wait', wait: { kind: 'signal', signal: 'go' } }],
      },
    })
    const before = await rowCounts(database, TABLES)
    const started = await mutateRaw('runs.start', `{"workflowId":"${saved.workflowId}","inputs":{"a":${deepJson(5000)}}}`)
    expect(started.status).toBe(400)
    expect(started.paths).toEqual([expect.stringMatching(deepPath('inputs'))])
    expect(await rowCounts(database, TABLES)).toEqual(before)

    const run = await api.runs.start({ workflowId: saved.workflowId })
    const counted = await rowCounts(database, TABLES)
    const resumed = await mutateRaw('runs.resume', `{"id":"${run.executionId}","stepId":"gate","payload":{"note":${LONE}}}`)
    expect(resumed.status).toBe(400)
    expect(resumed.paths).toEqual(['payload.note'])
    const deepSignal = await mutateRaw('runs.resume', `{"id":"${run.executionId}","stepId":"gate","payload":${deepJson(5000)}}`)
    expect(deepSignal.status).toBe(400)
    expect(await rowCounts(database, TABLES)).toEqual(counted)
    await api.runs.cancel({ id: run.executionId }) // leaves no runnable work for later test files
  })

  it('a webhook body with a lone surrogate or nested 5,000 deep is a 400 naming the field, with no run', async () => {
    const saved = await api.workflows.create({
      definition: { schemaVersion: 1, name: uniqueName('Hooked'), steps: [{ id: 'go', name: 'Go', type: 'command', action: 'echo' }] },
    })
    const hook = await api.triggers.webhooks.enable({ workflowId: saved.workflowId, signed: false })
    const before = await rowCounts(database, TABLES)
    const post = async (body: string) => {
      const response = await fetch(`${http.base}${hook.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } }
    }
    const lone = await post(`{"a":${LONE}}`)
    expect(lone.status).toBe(400)
    expect(lone.body.error).toMatchObject({ code: 'invalid_body' })
    expect(lone.body.error.message).toContain('body.a contains a lone UTF-16 surrogate')
    const deep = await post(deepJson(5000))
    expect(deep.status).toBe(400)
    expect(deep.body.error.message).toContain('is nested more than 64 levels deep')
    const nul = await post('{"a":"x\\u0000y"}')
    expect(nul.status).toBe(400)
    expect(nul.body.error.message).toContain('body.a contains a NUL character')
    expect(await rowCounts(database, TABLES)).toEqual(before)
  })
})

describe('reading never fails', () => {
  /** A run whose step output (and an event) was stored nested 2,500 deep, as before the guard. */
  async function runStoredBeforeTheGuard(): Promise<string> {
    const saved = await api.workflows.create({
      definition: {
        schemaVersion: 1,
        name: uniqueName('Stored deep'),
        steps: [{ id: 'collect', name: 'Collect', type: 'command', action: 'echo' }],
      },
    })
    const { executionId } = await api.runs.start({ workflowId: saved.workflowId })
    const deep = deepJson(2500)
    await database.db.execute(sql`UPDATE step_executions SET status = 'succeeded', output = ${deep}::jsonb,
        finished_at = now() WHERE execution_id = ${executionId} AND step_id = 'collect'`)
    await database.db.execute(sql`UPDATE executions SET status = 'succeeded', finished_at = now() WHERE id = ${executionId}`)
    await database.db.execute(sql`INSERT INTO execution_events (execution_id, seq, type, step_id, payload)
        SELECT ${executionId}, last_seq + 1, 'step_succeeded', 'collect', jsonb_build_object('output', ${deep}::jsonb)
        FROM executions WHERE id = ${executionId}`)
    return executionId
  }

  it('runs.get and runs.events over HTTP answer 200, cutting the deep part with a marker', async () => {
    const executionId = await runStoredBeforeTheGuard()
    const input = encodeURIComponent(JSON.stringify({ json: { id: executionId } }))
    const response = await fetch(`${http.base}/api/trpc/runs.get?input=${input}`)
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text).toContain(DEEP_VALUE_MARKER)
    const output = (JSON.parse(text) as { result: { data: { json: { steps: { output: unknown }[] } } } }).result.data.json
      .steps[0]?.output
    let depth = 0
    for (let at = output; typeof at === 'object' && at !== null; at = (at as { a: unknown }).a) depth++
    expect(depth).toBeGreaterThan(64)
    expect(depth).toBeLessThanOrEqual(MAX_READ_DEPTH)

    const events = await fetch(`${http.base}/api/trpc/runs.events?input=${encodeURIComponent(JSON.stringify({ json: { id: executionId } }))}`)
    expect(events.status).toBe(200)
  })

  it('the CLI status of that run prints it and exits 0', async () => {
    const executionId = await runStoredBeforeTheGuard()
    for (const args of [['status', executionId], ['status', executionId, '--json']]) {
      const child = spawn(process.execPath, ['bin/relayflow', ...args], {
        env: { ...process.env, RELAYFLOW_URL: http.base, RELAYFLOW_TOKEN: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
      expect(code, stderr).toBe(0)
      expect(stdout).toContain('succeeded')
      expect(stdout).toContain('collect')
    }
  })
})

// Helpers for monitoring integration tests: Prometheus text parsing, synthetic runs and step rows
// written straight into the runner's tables (so windows, durations and failures are exact), and
// a local HTTP server that records webhook deliveries.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { rows, timestamp } from '@/server/platform/sql-helpers'

/** `value('relayflow_runs', { status: 'running' })` from a Prometheus text exposition. */
export function parsePrometheusText(text: string) {
  // Label order in the key is canonical (sorted), whatever order the exposition used.
  const key = (name: string, labels: Record<string, string>) => {
    const parts = Object.entries(labels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}="${v}"`)
    return parts.length ? `${name}{${parts.join(',')}}` : name
  }
  const samples = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue
    const match = /^([a-zA-Z_:][\w:]*)(\{.*\})?\s+(\S+)$/.exec(line)
    if (!match) continue
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [
        m[1] as string,
        m[2] as string,
      ]),
    )
    samples.set(key(match[1] as string, labels), Number(match[3]))
  }
  return {
    samples,
    /** The sample's value, or 0 when the series is absent (a counter never incremented). */
    value: (name: string, labels: Record<string, string> = {}) => samples.get(key(name, labels)) ?? 0,
    has: (name: string) => [...samples.keys()].some((k) => k === name || k.startsWith(`${name}{`)),
  }
}

export interface SyntheticStep {
  stepId: string
  status: string
  runAt?: Date | null
  startedAt?: Date | null
  finishedAt?: Date | null
  attempt?: number
  error?: unknown
  output?: unknown
}

export interface SyntheticRun {
  workflowId?: string | null
  definition?: Record<string, unknown>
  status: string
  createdAt: Date
  startedAt?: Date | null
  finishedAt?: Date | null
  steps: SyntheticStep[]
}

const defaultDefinition = (steps: SyntheticStep[]) => ({
  schemaVersion: 1,
  name: 'synthetic',
  steps: steps.map((s) => ({ id: s.stepId, name: s.stepId, type: 'command', action: 'echo' })),
})

/** Inserts one run and its step rows; returns the run id and step row ids by step id. */
export async function insertSyntheticRun(db: Db, run: SyntheticRun) {
  const iso = (d: Date | null | undefined) => (d ? timestamp(d) : sql`NULL`)
  const [execution] = await rows<{ id: string }>(
    db,
    sql`INSERT INTO executions (workflow_id, workflow_version, definition, status, created_at, started_at, finished_at)
        VALUES (${run.workflowId ?? null}, 1, ${JSON.stringify(run.definition ?? defaultDefinition(run.steps))}::jsonb,
                ${run.status}, ${timestamp(run.createdAt)}, ${iso(run.startedAt ?? run.createdAt)}, ${iso(run.finishedAt)})
        RETURNING id`,
  )
  const executionId = (execution as { id: string }).id
  const stepRowIds: Record<string, string> = {}
  for (const s of run.steps) {
    const [row] = await rows<{ id: string }>(
      db,
      sql`INSERT INTO step_executions (execution_id, step_id, status, attempt, run_at, started_at, finished_at, error, output)
          VALUES (${executionId}, ${s.stepId}, ${s.status}, ${s.attempt ?? 1}, ${iso(s.runAt)}, ${iso(s.startedAt)},
                  ${iso(s.finishedAt)}, ${s.error === undefined ? null : JSON.stringify(s.error)}::jsonb,
                  ${s.output === undefined ? null : JSON.stringify(s.output)}::jsonb)
          RETURNING id`,
    )
    stepRowIds[s.stepId] = (row as { id: string }).id
  }
  return { executionId, stepRowIds }
}

/** A local HTTP server recording every request body; `status` sets its reply code. */
export async function startWebhookReceiver(options: { status?: number; delayMs?: number } = {}) {
  const received: { body: unknown; headers: IncomingMessage['headers'] }[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'),
        headers: req.headers,
      })
      setTimeout(() => {
        res.writeHead(options.status ?? 200)
        res.end('ok')
      }, options.delayMs ?? 0)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

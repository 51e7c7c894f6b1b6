// Helpers for trigger integration tests: the real request router on a local port, a controllable
// clock, workflows with typed inputs, and counting the runs a workflow got.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sql } from 'drizzle-orm'
import type { Database } from '@/db/client'
import type { ApiContext } from '@/server/api/context'
import { createRequestRouter } from '@/server/http/request-router'
import { rows } from '@/server/platform/sql-helpers'
import { uniqueName } from '@/server/testing/test-api'

/** The HTTP routing `npm start` serves (without Next.js), on 127.0.0.1 and a free port. */
export async function startTestHttpServer(context: ApiContext) {
  const route = createRequestRouter({ context, next: undefined })
  const server = createServer((req, res) => {
    Promise.resolve(route(req, res)).catch((error: unknown) => {
      context.logger.error({ err: error }, 'request failed')
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A clock that moves only when the test says so. */
export function createManualClock(start: Date) {
  let current = start.getTime()
  return {
    now: () => new Date(current),
    set: (at: Date | string) => (current = new Date(at).getTime()),
    advance: (ms: number) => (current += ms),
  }
}

/** A workflow greeting `inputs.name` (required string) `inputs.times` (integer 1..5, default 1) times. */
export function greetingWorkflow(extraSteps: unknown[] = []) {
  return {
    name: uniqueName('Greeting'),
    inputs: {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1 },
        times: { type: 'integer', minimum: 1, maximum: 5, default: 1 },
      },
      required: ['name'],
    },
    steps: [
      {
        id: 'greet',
        name: 'Greet',
        type: 'command',
        action: 'echo',
        params: { message: 'Hello {{ inputs.name }}', times: '{{ inputs.times }}' },
      },
      ...extraSteps,
    ],
  }
}

export async function countRuns(database: Database, workflowId: string, trigger?: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    database.db,
    sql`SELECT count(*)::int AS n FROM executions WHERE workflow_id = ${workflowId}
        AND (${trigger ?? null}::text IS NULL OR trigger = ${trigger ?? null})`,
  )
  return row?.n ?? 0
}

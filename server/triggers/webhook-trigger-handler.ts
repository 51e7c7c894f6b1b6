// `POST /api/hooks/<token>`: the JSON body becomes the run's inputs. Replies 202 { runId }, or with
// `?wait=N` (seconds, at most 30) waits for the run and replies 200 { runId, status, output, error }.
// Refusals say what to fix: 404 unknown URL, 405, 415, 413, 401 bad, stale or replayed signature,
// 400, 422 bad inputs or no registered device can run one of its steps (no_capable_device).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Db } from '@/db/client'
import { assertRunPlaceable } from '@/server/devices/dispatch/placement-preflight'
import { WorkflowError } from '@/server/engine/errors'
import type { TWorkflowDefinition } from '@/server/engine/workflow-schema'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import type { Logger } from '@/server/platform/logger'
import type { RunEndSignals } from '@/server/runner/run-end-signals'
import { startRun } from '@/server/runner/run-store'
import type { Tx } from '@/server/platform/sql-helpers'
import { waitForRunOutcome } from './run-outcome'
import {
  checkJsonContentType,
  type BodyProblem,
  MAX_WEBHOOK_BODY_BYTES,
  parseJsonBody,
  readBodyWithLimit,
} from './webhook-request-body'
import { checkSignature, isWellFormedToken, SIGNATURE_HEADER, WEBHOOK_PATH_PREFIX } from './webhook-secrets'
import { claimSignature } from './webhook-replay-guard'
import { findEnabledWebhook, recordWebhookCall } from './webhook-trigger-store'

export const MAX_WAIT_SECONDS = 30

export type WebhookHandlerDeps = {
  db: Db
  clock: { now: () => Date }
  logger: Logger
  /** Wakes `?wait` callers at the commit that ends their run; without it they poll. */
  runEnds?: RunEndSignals | undefined
}
export type WebhookHandlerOptions = { maxBodyBytes?: number; waitPollMs?: number }

type ErrorBody = { code: string; message: string; issues?: WorkflowIssue[] }
type Refusal = { status: number; error: ErrorBody; headers?: Record<string, string> }
type Accepted = { workflowId: string; triggerId: string; inputs: unknown; wait: number }

const NOT_FOUND: Refusal = {
  status: 404,
  error: { code: 'not_found', message: 'No webhook at this URL; it may have been disabled or rotated.' },
}

function fromBodyProblem(problem: BodyProblem, headers?: Record<string, string>): Refusal {
  return {
    status: problem.status,
    error: { code: problem.code, message: problem.message },
    ...(headers ? { headers } : {}),
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers })
  res.end(JSON.stringify(body))
}

function refuse(res: ServerResponse, refusal: Refusal): void {
  send(res, refusal.status, { error: refusal.error }, refusal.headers)
}

/** `wait` in whole seconds, 0 when absent; null when it is not a number from 0 to MAX_WAIT_SECONDS. */
function parseWait(search: URLSearchParams): number | null {
  const raw = search.get('wait')
  if (raw === null || raw === '') return 0
  if (!/^\d{1,3}$/.test(raw)) return null
  const seconds = Number(raw)
  return seconds <= MAX_WAIT_SECONDS ? seconds : null
}

/** Checks the request in the order that reveals least to a stranger: URL, method, type, size, signature, JSON. */
async function acceptRequest(
  { db, clock }: Pick<WebhookHandlerDeps, 'db' | 'clock'>,
  req: IncomingMessage,
  maxBodyBytes: number,
): Promise<{ ok: true; accepted: Accepted } | { ok: false; refusal: Refusal }> {
  const refused = (refusal: Refusal) => ({ ok: false as const, refusal })
  const url = new URL(req.url ?? '/', 'http://localhost')
  const token = url.pathname.slice(WEBHOOK_PATH_PREFIX.length)
  if (!isWellFormedToken(token)) return refused(NOT_FOUND)
  if (req.method !== 'POST') {
    const error = { code: 'method_not_allowed', message: 'Webhooks accept POST only.' }
    return refused({ status: 405, error, headers: { allow: 'POST' } })
  }
  const trigger = await findEnabledWebhook(db, token)
  if (!trigger) return refused(NOT_FOUND)
  const badType = checkJsonContentType(req.headers['content-type'])
  if (badType) return refused(fromBodyProblem(badType))
  const wait = parseWait(url.searchParams)
  if (wait === null) {
    const message = `wait must be a whole number of seconds from 0 to ${MAX_WAIT_SECONDS}.`
    return refused({ status: 400, error: { code: 'invalid_wait', message } })
  }
  const read = await readBodyWithLimit(req, maxBodyBytes)
  // The rest of an oversized body is not read; closing the connection discards it.
  if (!read.ok) return refused(fromBodyProblem(read.problem, { connection: 'close' }))
  let signed: { signature: string; timestamp: number } | undefined
  if (trigger.signingSecret !== null) {
    const header = req.headers[SIGNATURE_HEADER]
    const check = checkSignature(trigger.signingSecret, read.body, typeof header === 'string' ? header : undefined, clock.now())
    if (!check.ok) return refused({ status: 401, error: { code: check.code, message: check.message } })
    signed = check
  }
  const parsed = parseJsonBody(read.body)
  if (!parsed.ok) return refused(fromBodyProblem(parsed.problem))
  // Last, so only a request that would start a run uses up its signature.
  if (signed && !(await claimSignature(db, { triggerId: trigger.id, ...signed, now: clock.now() }))) {
    const message = 'This signed request was received before; a signature is accepted once. Sign the request again (new timestamp) to send it again.'
    return refused({ status: 401, error: { code: 'replayed_signature', message } })
  }
  return {
    ok: true,
    accepted: { workflowId: trigger.workflowId, triggerId: trigger.id, inputs: parsed.value, wait },
  }
}

export function createWebhookTriggerHandler(deps: WebhookHandlerDeps, options: WebhookHandlerOptions = {}) {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES
  const log = deps.logger.child({ component: 'webhooks' })

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const checked = await acceptRequest(deps, req, maxBodyBytes)
    if (!checked.ok) return refuse(res, checked.refusal)
    const { workflowId, triggerId, inputs, wait } = checked.accepted
    let runId: string
    try {
      const preflight = (definition: TWorkflowDefinition, tx: Tx) => assertRunPlaceable(tx, definition)
      runId = (await startRun(deps, { workflowId, inputs, trigger: 'webhook', preflight })).executionId
    } catch (error) {
      if (
        error instanceof WorkflowError &&
        (error.code === 'invalid_inputs' || error.code === 'no_capable_device')
      ) {
        const issues = error.issues ?? []
        return refuse(res, { status: 422, error: { code: error.code, message: error.message, issues } })
      }
      if (error instanceof WorkflowError && error.code === 'not_found') return refuse(res, NOT_FOUND)
      throw error
    }
    await recordWebhookCall(deps.db, triggerId, deps.clock.now())
    log.info({ workflowId, runId, wait }, 'webhook started a run')
    if (wait === 0) return send(res, 202, { runId })

    const gone = new AbortController()
    res.once('close', () => gone.abort())
    const waited = await waitForRunOutcome(deps.db, runId, {
      timeoutMs: wait * 1000,
      signal: gone.signal,
      signals: deps.runEnds,
      ...(options.waitPollMs === undefined ? {} : { pollMs: options.waitPollMs }),
    })
    if (res.destroyed) return
    if (!waited.ended) return send(res, 202, { runId, status: waited.status })
    return send(res, 200, { runId, ...waited.outcome })
  }
}

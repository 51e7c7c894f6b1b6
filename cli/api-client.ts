// The CLI's connection to a running Relayflow server: a typed tRPC client over plain HTTP
// (superjson, like the web app), and the translation of its failures into CliErrors.
import {
  createTRPCClient,
  httpLink,
  isTRPCClientError,
  type TRPCClient,
  type TRPCClientError,
} from '@trpc/client'
import superjson from 'superjson'
import type { AppRouter } from '@/server/api/root-router'
import { formatIssuePath, type WorkflowIssue } from '@/server/engine/workflow-issues'
import { CliError, EXIT_FAILED, EXIT_UNREACHABLE, EXIT_USAGE, usageError } from './cli-errors'

export const DEFAULT_SERVER_URL = 'http://localhost:3000'

export type ApiClient = TRPCClient<AppRouter>

/** `--server`, else RELAYFLOW_URL, else localhost:3000; without a trailing slash. */
export function resolveServerUrl(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const raw = flag ?? (env.RELAYFLOW_URL?.trim() || DEFAULT_SERVER_URL)
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw usageError(`"${raw}" is not a server URL; use a form like http://localhost:3000.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`The server URL must start with http:// or https://, not ${url.protocol}//.`)
  }
  return url.toString().replace(/\/+$/, '')
}

/** `--token`, else RELAYFLOW_TOKEN; an API token from Settings → API tokens (sent as a bearer token). */
export function resolveApiToken(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const token = (flag ?? env.RELAYFLOW_TOKEN ?? '').trim()
  return token === '' ? undefined : token
}

export function createApiClient(serverUrl: string, token?: string): ApiClient {
  const headers = token ? { authorization: `Bearer ${token}` } : undefined
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${serverUrl}/api/trpc`, transformer: superjson, headers })],
  })
}

type ErrorData = { code?: string; httpStatus?: number; issues?: WorkflowIssue[] | null }

/** Says what went wrong in the server's words, with every field problem on its own line. */
export function toCliError(error: unknown, serverUrl: string): CliError {
  if (error instanceof CliError) return error
  if (!isTRPCClientError<AppRouter>(error)) {
    return new CliError(error instanceof Error ? error.message : String(error), EXIT_FAILED)
  }
  const data = error.data as ErrorData | undefined
  if (!data?.code) return transportError(error, serverUrl)
  const issues = data.issues ?? []
  const details = issues.map(formatIssue)
  if (data.code === 'UNAUTHORIZED')
    details.push('Pass an API token with --token <token> or RELAYFLOW_TOKEN (create one under Settings → API tokens).')
  // PRECONDITION_FAILED: the pre-flight found no device for a step; like bad inputs, nothing started.
  const exitCode = data.code === 'BAD_REQUEST' || data.code === 'PRECONDITION_FAILED' ? EXIT_USAGE : EXIT_FAILED
  return new CliError(headline(error.message, issues), exitCode, details, data.code)
}

/** The message without the issues it repeats (they follow, one per line) and never raw JSON. */
function headline(message: string, issues: WorkflowIssue[]): string {
  const first = issues[0]
  if (!first) return message
  if (/^\s*[[{]/.test(message)) return 'The server refused the request:'
  const at = message.indexOf(first.message)
  return at > 0 ? `${message.slice(0, at).replace(/[\s:]+$/, '')}:` : message
}

function transportError(error: TRPCClientError<AppRouter>, serverUrl: string): CliError {
  const cause = error.cause as (Error & { cause?: { code?: string; message?: string } }) | undefined
  const status = (error.meta?.response as Response | undefined)?.status
  // fetch() itself failed: nothing listens there, DNS failed, the connection was reset.
  const isNetworkFailure = cause instanceof TypeError && cause.message === 'fetch failed'
  if (!isNetworkFailure) {
    const detail = status !== undefined ? `HTTP ${status}` : (cause?.message ?? error.message)
    return new CliError(
      `The server at ${serverUrl} did not answer as a Relayflow API (${detail}).`,
      EXIT_UNREACHABLE,
      ['Check --server or RELAYFLOW_URL: it must be the base URL of a Relayflow server.'],
      'BAD_RESPONSE',
    )
  }
  const reason = cause.cause?.code ?? cause.cause?.message ?? cause.message
  return new CliError(
    `Cannot reach the Relayflow server at ${serverUrl} (${reason}).`,
    EXIT_UNREACHABLE,
    ['Start it with `npm start`, or point the CLI at it with --server <url> or RELAYFLOW_URL.'],
    'UNREACHABLE',
  )
}

function formatIssue(issue: WorkflowIssue): string {
  const where = issue.path.length > 0 ? formatIssuePath(issue.path) : ''
  const step = issue.stepId ? `step ${issue.stepId}: ` : ''
  // Input-validation messages already start with the field they name.
  return where && !issue.message.startsWith(`${where}:`)
    ? `${step}${where}: ${issue.message}`
    : `${step}${issue.message}`
}

// The /runs query string: filters (status, workflow, trigger, time range, whether test runs are
// shown) and the keyset cursor (`before` / `after` = "<created at ISO>~<run id>"), read and
// written in one place.
import { EXECUTION_STATUSES, type ExecutionStatus } from '@/server/engine/run/run-status'

export interface RunListFilters {
  status?: ExecutionStatus
  workflowId?: string
  trigger?: string
  /** Runs that sent at least one command to this device. */
  deviceId?: string
  /** yyyy-mm-dd, local day start (inclusive); or an ISO instant (inclusive), as analytics drill-downs link. */
  from?: string
  /** yyyy-mm-dd, local day end (inclusive); or an ISO instant (exclusive). */
  to?: string
  /** '1': test runs (one step tested from the editor) are listed too; left out otherwise. */
  tests?: '1'
}

export interface RunListQuery extends RunListFilters {
  before?: string
  after?: string
}

type SearchParams = Record<string, string | string[] | undefined>

const UUID = /^[0-9a-f-]{36}$/i
const DAY = /^\d{4}-\d{2}-\d{2}$/
/** An exact instant in UTC, e.g. `2026-01-02T13:00:00.000Z`: the bounds of an analytics bucket. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/

function first(params: SearchParams, name: string): string | undefined {
  const value = params[name]
  const one = Array.isArray(value) ? value[0] : value
  return one ? one : undefined
}

export function parseRunListQuery(params: SearchParams): RunListQuery {
  const status = first(params, 'status')
  const day = (name: string) => {
    const v = first(params, name)
    return v && (DAY.test(v) || (INSTANT.test(v) && !Number.isNaN(Date.parse(v)))) ? v : undefined
  }
  const out: RunListQuery = {
    status: EXECUTION_STATUSES.find((s) => s === status),
    workflowId: first(params, 'workflowId'),
    trigger: first(params, 'trigger'),
    deviceId: first(params, 'deviceId'),
    from: day('from'),
    to: day('to'),
    tests: first(params, 'tests') === '1' ? '1' : undefined,
    before: first(params, 'before'),
    after: first(params, 'after'),
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined))
}

export function encodeCursor(cursor: { createdAt: Date; id: string }): string {
  return `${cursor.createdAt.toISOString()}~${cursor.id}`
}

export function decodeCursor(text: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!text) return undefined
  const [at, id] = text.split('~')
  const createdAt = new Date(at ?? '')
  if (!id || !UUID.test(id) || Number.isNaN(createdAt.getTime())) return undefined
  return { createdAt, id }
}

const QUERY_KEYS = ['status', 'workflowId', 'trigger', 'deviceId', 'from', 'to', 'tests', 'before', 'after'] as const

/** `/runs?…` (or `<base>?…`) with only the values that are set, in a stable order. */
export function runListHref(query: RunListQuery, base = '/runs'): string {
  const search = new URLSearchParams()
  for (const key of QUERY_KEYS) {
    const value = query[key]
    if (value) search.set(key, value)
  }
  const text = search.toString()
  return text ? `${base}?${text}` : base
}

/**
 * Whether the filters leave runs out (`hideWorkflow`: not counting the workflow, on a workflow's
 * own runs page). Showing test runs as well is not a filter.
 */
export function isFiltering(filters: RunListFilters, hideWorkflow = false): boolean {
  return Object.entries(filters).some(
    ([key, value]) => value && key !== 'tests' && !(hideWorkflow && key === 'workflowId'),
  )
}

/** The API's time range from the day filters: from the start of `from` to the end of `to`; instants are taken as they are. */
export function timeRange(filters: RunListFilters): { from?: Date; to?: Date } {
  const out: { from?: Date; to?: Date } = {}
  if (filters.from) out.from = new Date(DAY.test(filters.from) ? `${filters.from}T00:00:00` : filters.from)
  if (filters.to && !DAY.test(filters.to)) out.to = new Date(filters.to)
  else if (filters.to) {
    const end = new Date(`${filters.to}T00:00:00`)
    end.setDate(end.getDate() + 1)
    out.to = end
  }
  return out
}

/** Whether a run (as /live reports it) belongs in a list with these filters. */
export function matchesFilters(run: { status: string; workflowId: string | null; trigger: string; createdAt: string }, filters: RunListFilters): boolean {
  if (filters.status && run.status !== filters.status && !(filters.status === 'running' && run.status === 'started')) return false
  if (filters.workflowId && run.workflowId !== filters.workflowId) return false
  if (filters.trigger && run.trigger !== filters.trigger) return false
  const range = timeRange(filters)
  const created = Date.parse(run.createdAt)
  if (range.from && created < range.from.getTime()) return false
  if (range.to && created >= range.to.getTime()) return false
  return true
}

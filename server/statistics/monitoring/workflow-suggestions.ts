// Optimization suggestions for one workflow, derived from its definition and its steps' recent
// statistics: independent sequential steps, failures a retry policy would absorb, retries that
// always succeed on the second attempt, timeouts far above what steps need, dominant steps.
import { tryParseDuration } from '@/server/engine/duration'
import { asList } from '@/server/engine/step-common'
import { formatDurationMs, formatPercent } from './percentiles'

export interface StepStats {
  stepId: string
  runs: number
  failed: number
  p50Ms: number | null
  p95Ms: number | null
  p99Ms: number | null
  /** Rows that needed more than one attempt, and those that then succeeded on attempt 2. */
  retried: number
  succeededOnSecondAttempt: number
  /** Final error codes of failed rows, most frequent first. */
  errorCodes: { code: string; count: number }[]
}

export interface SuggestionStep {
  id: string
  name?: string
  type: string
  dependencies?: unknown[]
  onSuccess?: string | string[]
  onFailure?: string | string[]
  timeout?: unknown
  retryPolicy?: { maxAttempts?: number }
  [field: string]: unknown
}

export interface Suggestion {
  kind: 'parallelize' | 'add_retry' | 'flaky_retry' | 'lower_timeout' | 'dominant_step'
  stepIds: string[]
  message: string
}

const RETRYABLE_CODES = new Set([
  'device_lost',
  'timeout',
  'lease_expired',
  'no_device',
  'http_error',
  'connection_error',
])
const MIN_RUNS = 5

export function suggestOptimizations(
  definition: { steps: SuggestionStep[]; retryPolicy?: { maxAttempts?: number } },
  stats: ReadonlyMap<string, StepStats>,
): Suggestion[] {
  return [
    ...suggestParallelSteps(definition.steps, stats),
    ...suggestRetries(definition, stats),
    ...suggestTimeouts(definition.steps, stats),
    ...suggestDominantStep(definition.steps, stats),
  ]
}

/** The success-edge predecessors of a step, from both `dependencies` and predecessors' `onSuccess`. */
function successPredecessors(steps: SuggestionStep[]): Map<string, string[]> {
  const preds = new Map<string, string[]>(steps.map((s) => [s.id, []]))
  const add = (to: string, from: string) => preds.get(to)?.push(from)
  for (const s of steps) {
    for (const d of s.dependencies ?? []) {
      if (typeof d === 'string') add(s.id, d)
      else if (d && typeof d === 'object' && (d as { on?: string }).on === 'success')
        add(s.id, (d as { step: string }).step)
      else if (d && typeof d === 'object') preds.get(s.id)?.push(`!${(d as { step: string }).step}`)
    }
    for (const next of asList(s.onSuccess)) add(next, s.id)
    for (const next of asList(s.onFailure)) preds.get(next)?.push(`!${s.id}`)
  }
  return preds
}

/** Whether `step` reads `steps.<id>` anywhere in its parameters, target or expression. */
export function readsOutputOf(step: SuggestionStep, id: string): boolean {
  const text = JSON.stringify({
    ...step,
    dependencies: undefined,
    onSuccess: undefined,
    onFailure: undefined,
  })
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`steps\\s*(\\.\\s*${escaped}\\b|\\[\\s*\\\\?["']${escaped}\\\\?["']\\s*\\])`).test(text)
}

function suggestParallelSteps(steps: SuggestionStep[], stats: ReadonlyMap<string, StepStats>): Suggestion[] {
  const byId = new Map(steps.map((s) => [s.id, s]))
  const preds = successPredecessors(steps)
  const out: Suggestion[] = []
  for (const step of steps) {
    const from = preds.get(step.id) ?? []
    if (from.length !== 1 || from[0]?.startsWith('!')) continue
    const before = byId.get(from[0] as string)
    // Conditions and waits order work on purpose; only plain work steps are candidates.
    if (!before || !isWorkStep(before) || !isWorkStep(step) || readsOutputOf(step, before.id)) continue
    const a = stats.get(before.id)?.p50Ms
    const b = stats.get(step.id)?.p50Ms
    const saving = a != null && b != null ? ` and save about ${formatDurationMs(Math.min(a, b))} per run` : ''
    out.push({
      kind: 'parallelize',
      stepIds: [before.id, step.id],
      message: `step ${label(step)} waits on ${label(before)} sequentially; they have no data dependency — run them in parallel${saving}`,
    })
  }
  return out
}

function suggestRetries(
  definition: { steps: SuggestionStep[]; retryPolicy?: { maxAttempts?: number } },
  stats: ReadonlyMap<string, StepStats>,
): Suggestion[] {
  const out: Suggestion[] = []
  for (const step of definition.steps) {
    const s = stats.get(step.id)
    if (!s || s.runs < MIN_RUNS) continue
    const attempts = step.retryPolicy?.maxAttempts ?? definition.retryPolicy?.maxAttempts ?? 1
    const top = s.errorCodes[0]
    const rate = s.failed / s.runs
    if (attempts <= 1 && top && rate >= 0.02 && RETRYABLE_CODES.has(top.code)) {
      out.push({
        kind: 'add_retry',
        stepIds: [step.id],
        message: `step ${label(step)} fails ${formatPercent(rate)} with ${top.code} — add a retry policy (e.g. maxAttempts 3, exponential backoff)`,
      })
    }
    if (s.retried >= 3 && s.succeededOnSecondAttempt / s.retried >= 0.9) {
      out.push({
        kind: 'flaky_retry',
        stepIds: [step.id],
        message: `retries of step ${label(step)} succeed on attempt 2 ${formatPercent(s.succeededOnSecondAttempt / s.retried)} of the time (${s.retried} retried) — the first failure looks transient; find its cause or shorten the initial backoff`,
      })
    }
  }
  return out
}

function suggestTimeouts(steps: SuggestionStep[], stats: ReadonlyMap<string, StepStats>): Suggestion[] {
  const out: Suggestion[] = []
  for (const step of steps) {
    const s = stats.get(step.id)
    const timeoutMs = tryParseDuration(step.timeout)
    if (!s || s.runs < 20 || s.p99Ms == null || s.p99Ms <= 0 || timeoutMs === undefined) continue
    if (timeoutMs < 10 * s.p99Ms) continue
    out.push({
      kind: 'lower_timeout',
      stepIds: [step.id],
      message: `step ${label(step)} has a ${formatDurationMs(timeoutMs)} timeout but its p99 is ${formatDurationMs(s.p99Ms)} — lower it to about ${formatDurationMs(3 * s.p99Ms)} so a stuck attempt is retried sooner`,
    })
  }
  return out
}

function suggestDominantStep(steps: SuggestionStep[], stats: ReadonlyMap<string, StepStats>): Suggestion[] {
  const medians = steps.map((s) => ({ step: s, p50: stats.get(s.id)?.p50Ms ?? 0 }))
  const total = medians.reduce((sum, m) => sum + m.p50, 0)
  const top = medians.sort((a, b) => b.p50 - a.p50)[0]
  if (
    !top ||
    steps.length < 2 ||
    total <= 0 ||
    top.p50 / total < 0.6 ||
    (stats.get(top.step.id)?.runs ?? 0) < MIN_RUNS
  )
    return []
  return [
    {
      kind: 'dominant_step',
      stepIds: [top.step.id],
      message: `step ${label(top.step)} takes ${formatPercent(top.p50 / total)} of the summed step time (median ${formatDurationMs(top.p50)}) — it is the place to optimise, or to split and parallelise`,
    },
  ]
}

const isWorkStep = (s: SuggestionStep) =>
  s.type === 'command' || s.type === 'webhook' || s.type === 'parallel'
const label = (s: SuggestionStep) => `"${s.name && s.name !== s.id ? `${s.name}` : s.id}"`

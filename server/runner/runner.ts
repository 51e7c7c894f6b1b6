// The runner loop: claim due steps under a lease, execute them, apply results in batched
// transactions, renew leases, reap expired ones and time out runs. Woken by LISTEN/NOTIFY with a
// polling fallback; database errors are retried with backoff, never fatal.
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type postgres from 'postgres'
import type { Db } from '@/db/client'
import type { DeviceDriver } from '@/server/devices/device-driver'
import { isDataError } from '@/db/postgres-errors'
import type { ExpressionContext } from '@/server/engine/expressions'
import type { CompiledRun } from '@/server/engine/run/compiled-run'
import type { StepError } from '@/server/engine/run/run-status'
import type { Logger } from '@/server/platform/logger'
import { redactStepResult } from '@/server/secrets/step-secrets'
import { processDefinitions } from './execution-state'
import { channelName } from '@/server/platform/notify-bus'
import { startQueuedRuns } from './run-admission'
import { timeOutExpiredRuns } from './run-store'
import { applyCompletions, type Completion } from './step-completion'
import { failed, runAttempt } from './step-attempt'
import { loadStepContexts } from './step-context'
import type { Tx } from '@/server/platform/sql-helpers'
import { claimReadySteps, reapExpiredLeases, recordStarts, renewLeases, type ClaimedStep } from './step-queue'
import { analyzeChangedQueueTables } from './table-statistics'
import { Wakeup } from '@/server/platform/wakeup'

export interface RunnerOptions {
  db: Db
  /** postgres.js client for LISTEN (a dedicated connection it manages and reconnects). */
  sql: postgres.Sql
  clock: { now: () => Date }
  logger: Logger
  drivers: { devices: DeviceDriver }
  owner?: string
  maxInFlight?: number
  leaseMs?: number
  pollMs?: number
  /** How often expired leases and run deadlines are checked. */
  sweepMs?: number
  /** How long stop() waits for in-flight steps before releasing their leases. */
  drainMs?: number
  /** Attempts lost to expired leases before the step fails (a step that kills its runner every time). */
  maxInterruptions?: number
  random?: () => number
}

export interface RunningRunner {
  owner: string
  wake(): void
  stop(): Promise<void>
}

interface PreparedClaims {
  claims: ClaimedStep[]
  runs: Map<string, CompiledRun>
  contexts: Map<ClaimedStep, ExpressionContext>
}

interface InFlight {
  claim: ClaimedStep
  controller: AbortController
  /** The lease was lost (cancelled run, reclaimed step) or released on stop: drop the result. */
  dropped: boolean
}

const MAX_COMPLETION_BATCH = 256
/** How often the sweep looks for queue tables whose statistics went stale (table-statistics.ts). */
const ANALYZE_CHECK_MS = 10_000

export function startRunner(options: RunnerOptions): RunningRunner {
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const maxInFlight = options.maxInFlight ?? 256
  const leaseMs = options.leaseMs ?? 30_000
  const pollMs = options.pollMs ?? 500
  const sweepMs = options.sweepMs ?? Math.min(1000, leaseMs / 2)
  const drainMs = options.drainMs ?? 10_000
  const maxInterruptions = options.maxInterruptions ?? 3
  const random = options.random ?? Math.random
  const { db, clock, logger } = options
  const log = logger.child({ component: 'runner', owner })
  // step.running is recorded in the claiming transaction, before the attempt starts, so events the
  // attempt writes (step.awaiting_device) always follow it.
  const attemptDeps = { devices: options.drivers.devices, now: () => clock.now(), log, maxInterruptions, db }
  const cache = processDefinitions
  const inFlight = new Map<string, InFlight>()
  let completions: Completion[] = []
  let stopping = false
  let lastRenew = 0
  let lastSweep = 0
  /** Two loops: claiming (woken when steps become ready) and applying results (woken when attempts finish). */
  const claimWakeup = new Wakeup()
  const flushWakeup = new Wakeup()
  const wake = () => claimWakeup.wake()

  /** After a failed batch, completions are applied one by one until that batch is through. */
  let isolateNext = 0
  const poisonCounts = new WeakMap<Completion, number>()

  async function flush(): Promise<number> {
    if (completions.length === 0) return 0
    // Bounded batches keep each transaction short, so steps they ready are claimed sooner.
    const take = isolateNext > 0 ? 1 : Math.min(completions.length, MAX_COMPLETION_BATCH)
    const batch = completions.slice(0, take)
    completions = completions.slice(take)
    let claimed: PreparedClaims | undefined
    try {
      // Successors this batch readies are claimed, prepared and recorded as started in the same
      // transaction, and dispatched right after commit: no NOTIFY round trip, no other commit.
      const eager = stopping ? undefined : { owner, leaseMs, limit: maxInFlight - inFlight.size + batch.length }
      const now = clock.now()
      const outcome = await db.transaction(async (tx) => {
        const applied = await applyCompletions(tx, { cache, now, random }, batch, eager)
        return { applied, prepared: await prepareClaims(tx, applied.claimed, now) }
      })
      claimed = outcome.prepared
      if (outcome.applied.limitedRunsEnded > 0) startQueued()
      for (const c of outcome.applied.discarded)
        log.warn(
          { executionId: c.executionId, stepId: c.stepId },
          'discarded a step result: the lease was lost (step reclaimed or run stopped)',
        )
    } catch (error) {
      completions = [...batch, ...completions]
      if (batch.length > 1) isolateNext = batch.length
      else if (batch[0] && isDataError(error)) quarantine(batch[0], error)
      throw error
    }
    if (isolateNext > 0) isolateNext--
    for (const c of batch) inFlight.delete(c.leaseToken)
    if (claimed) startClaims(claimed)
    claimWakeup.wake() // slots freed, and successors may be ready
    return batch.length
  }

  /** A result the database refuses (bad data, too large) would block the queue: after 3 tries it becomes a step failure. */
  function quarantine(completion: Completion, error: unknown): void {
    const count = (poisonCounts.get(completion) ?? 0) + 1
    poisonCounts.set(completion, count)
    if (count < 3) return
    log.error(
      { err: error, executionId: completion.executionId, stepId: completion.stepId },
      'step result cannot be stored; failing the step',
    )
    completion.result = failed({
      code: 'unstorable_result',
      message: `The step's result could not be stored: ${error instanceof Error ? error.message : String(error)}`,
      retryable: false,
    })
  }

  async function claimAndStart(): Promise<number> {
    const free = maxInFlight - inFlight.size
    if (free <= 0 || stopping) return 0
    const now = clock.now()
    // Claim, what templates read, and step.running: one transaction, so one commit per batch.
    const prepared = await db.transaction(async (tx) =>
      prepareClaims(tx, await claimReadySteps(tx, owner, free, now, leaseMs), now),
    )
    if (prepared) startClaims(prepared)
    return prepared?.claims.length ?? 0
  }

  /** Loads what claimed steps need (definitions, expression contexts) and records their starts. */
  async function prepareClaims(tx: Tx, claims: ClaimedStep[], now: Date): Promise<PreparedClaims | undefined> {
    if (claims.length === 0) return undefined
    const runs = await cache.load(tx, [...new Set(claims.map((c) => c.executionId))])
    const contexts = await loadStepContexts(tx, claims, runs)
    await recordStarts(tx, claims, owner, now)
    return { claims, runs, contexts }
  }

  function startClaims({ claims, runs, contexts }: PreparedClaims): void {
    for (const claim of claims) {
      inFlight.set(claim.leaseToken, { claim, controller: new AbortController(), dropped: false })
      start(claim, runs.get(claim.executionId), contexts.get(claim))
    }
  }

  function start(
    claim: ClaimedStep,
    run: CompiledRun | undefined,
    context: ExpressionContext | undefined,
  ): void {
    const entry = inFlight.get(claim.leaseToken)
    if (!entry) return
    void runAttempt(attemptDeps, claim, entry.controller, run, context).then((raw) => {
      const result = redactStepResult(raw, context)
      if (entry.dropped) {
        inFlight.delete(claim.leaseToken)
        return
      }
      completions.push({
        executionId: claim.executionId,
        stepId: claim.stepId,
        rowId: claim.rowId,
        leaseToken: claim.leaseToken,
        result,
      })
      flushWakeup.wake()
    })
  }

  async function renew(): Promise<void> {
    lastRenew = Date.now()
    const held = [...inFlight.values()].filter((e) => !e.dropped)
    const lost = await renewLeases(
      db,
      held.map((e) => e.claim.leaseToken),
      clock.now(),
      leaseMs,
    )
    for (const token of lost) {
      const entry = inFlight.get(token)
      if (!entry || completions.some((c) => c.leaseToken === token)) continue
      entry.dropped = true
      entry.controller.abort({
        code: 'lease_lost',
        message: 'The run was cancelled or the step was reclaimed.',
        retryable: false,
      } satisfies StepError)
    }
  }

  async function sweep(): Promise<void> {
    lastSweep = Date.now()
    const reaped = await reapExpiredLeases(db, clock.now())
    if (reaped > 0) log.warn({ reaped }, 'returned steps with expired leases to ready')
    await timeOutExpiredRuns({ db, clock })
    await startQueuedRuns({ db, now: () => clock.now(), cache })
    if (Date.now() - lastAnalyze >= ANALYZE_CHECK_MS) refreshStatistics()
  }

  /** Off the result path: an ANALYZE of a large table takes a while, and only plans wait for it. */
  let lastAnalyze = 0
  function refreshStatistics(): void {
    lastAnalyze = Date.now()
    analyzeChangedQueueTables(db)
      .then((analyzed) => {
        if (analyzed.length > 0) log.info({ analyzed }, 'analyzed queue tables (autovacuum is off)')
      })
      .catch((error: unknown) => log.warn({ err: error }, 'could not analyze queue tables'))
  }

  /** Runs ended, so queued runs of limited workflows may start; off the result path, errors only logged. */
  let admitting: Promise<void> | undefined
  let admitAgain = false
  function startQueued(): void {
    if (admitting) {
      admitAgain = true
      return
    }
    admitting = (async () => {
      do {
        admitAgain = false
        await startQueuedRuns({ db, now: () => clock.now(), cache })
      } while (admitAgain && !stopping)
    })()
      .catch((error: unknown) => log.warn({ err: error }, 'could not start queued runs; the sweep retries'))
      .finally(() => (admitting = undefined))
  }

  async function claimLoop(): Promise<void> {
    let failures = 0
    while (!stopping) {
      let claimed = 0
      try {
        claimed = await claimAndStart()
        failures = 0
      } catch (error) {
        failures++
        log.error({ err: error, failures }, 'claiming steps failed; retrying')
        await claimWakeup.wait(backoffMs(failures))
        continue
      }
      if (claimed === 0) await claimWakeup.wait(pollMs)
    }
  }

  /** Applies results, renews leases, reaps and times out; runs until in-flight work has drained. */
  async function flushLoop(): Promise<void> {
    let failures = 0
    while (!stopping || inFlight.size > 0 || completions.length > 0) {
      let flushed = 0
      try {
        flushed = await flush()
        if (Date.now() - lastRenew >= leaseMs / 3) await renew()
        if (!stopping && Date.now() - lastSweep >= sweepMs) await sweep()
        failures = 0
      } catch (error) {
        failures++
        log.error({ err: error, failures }, 'applying step results failed; retrying')
        await flushWakeup.wait(backoffMs(failures))
        continue
      }
      if (flushed === 0) await flushWakeup.wait(Math.min(stopping ? 50 : pollMs, leaseMs / 3))
    }
  }

  const unlisteners: (() => Promise<void>)[] = []
  const checkLeasesNow = () => {
    lastRenew = 0
    flushWakeup.wake()
  }
  for (const [channel, onNotify] of [
    [channelName('steps'), wake],
    [channelName('cancel'), checkLeasesNow],
  ] as const) {
    options.sql
      .listen(channel, onNotify)
      .then((meta) => {
        unlisteners.push(() => meta.unlisten())
        if (stopping) void meta.unlisten().catch(() => {})
      })
      .catch((error: unknown) => log.warn({ err: error, channel }, 'LISTEN failed; relying on polling'))
  }
  const loopDone = Promise.all([claimLoop(), flushLoop()]).catch((error: unknown) =>
    log.fatal({ err: error }, 'runner loop crashed'),
  )
  log.info({ maxInFlight, leaseMs, pollMs }, 'runner started')

  let stopped: Promise<void> | undefined
  return {
    owner,
    wake,
    stop: () =>
      (stopped ??= (async () => {
        stopping = true
        claimWakeup.wake()
        flushWakeup.wake()
        const drainTimer = setTimeout(() => {
          const release = [...inFlight.values()].filter(
            (e) => !e.dropped && !completions.some((c) => c.leaseToken === e.claim.leaseToken),
          )
          for (const entry of release) {
            entry.dropped = true
            entry.controller.abort({
              code: 'runner_stopping',
              message: 'The runner is shutting down.',
              retryable: true,
            } satisfies StepError)
          }
          void reapExpiredLeases(
            db,
            clock.now(),
            release.length,
            release.map((e) => e.claim.leaseToken),
          ).catch((error: unknown) =>
            log.warn({ err: error }, 'could not release leases on stop; they expire on their own'),
          )
        }, drainMs)
        await loopDone
        await admitting
        clearTimeout(drainTimer)
        await Promise.all(unlisteners.map((unlisten) => unlisten().catch(() => {})))
        log.info('runner stopped')
      })()),
  }
}

function backoffMs(failures: number): number {
  return Math.min(5000, 50 * 2 ** Math.min(failures, 7))
}

// Keeps one bad result from blocking the queue: after a failed batch, results are applied one by
// one until that batch is through, and a result the database refuses (bad data, too large) three
// times becomes a step failure.
import { isDataError } from '@/db/postgres-errors'
import type { Logger } from '@/server/platform/logger'
import { failed } from './step-attempt'
import type { Completion } from './step-completion'

/** Bounded batches keep each transaction short, so steps they ready are claimed sooner. */
const MAX_COMPLETION_BATCH = 256
const TRIES_BEFORE_FAILING = 3

export class ResultQuarantine {
  private isolateNext = 0
  private readonly poisonCounts = new WeakMap<Completion, number>()

  constructor(private readonly log: Logger) {}

  /** How many of the pending results the next batch takes. */
  batchSize(pending: number): number {
    return this.isolateNext > 0 ? 1 : Math.min(pending, MAX_COMPLETION_BATCH)
  }

  stored(): void {
    if (this.isolateNext > 0) this.isolateNext--
  }

  failed(batch: readonly Completion[], error: unknown): void {
    if (batch.length > 1) this.isolateNext = batch.length
    else if (batch[0] && isDataError(error)) this.countRefusal(batch[0], error)
  }

  private countRefusal(completion: Completion, error: unknown): void {
    const count = (this.poisonCounts.get(completion) ?? 0) + 1
    this.poisonCounts.set(completion, count)
    if (count < TRIES_BEFORE_FAILING) return
    this.log.error(
      { err: error, executionId: completion.executionId, stepId: completion.stepId },
      'step result cannot be stored; failing the step',
    )
    completion.result = failed({
      code: 'unstorable_result',
      message: `The step's result could not be stored: ${error instanceof Error ? error.message : String(error)}`,
      retryable: false,
    })
  }
}

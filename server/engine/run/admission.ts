// Per-workflow concurrency limits: whether a new run starts, waits in the queue, is cancelled,
// or makes room by cancelling the oldest running runs (Kestra's and Windmill's policies).
import type { TWorkflowDefinition } from '../workflow-schema'

export type ConcurrencyPolicy = NonNullable<TWorkflowDefinition['concurrency']>['whenLimited']

export type Admission =
  | { kind: 'start' }
  | { kind: 'queue'; reason: string }
  | { kind: 'cancel-new'; reason: string }
  | { kind: 'cancel-oldest'; count: number; reason: string }

/** `running` counts the workflow's runs currently running (queued ones excluded). */
export function decideAdmission(
  concurrency: TWorkflowDefinition['concurrency'],
  running: number,
): Admission {
  if (!concurrency || running < concurrency.limit) return { kind: 'start' }
  const { limit, whenLimited } = concurrency
  const busy = `the workflow already has ${running} running run${running === 1 ? '' : 's'} (limit ${limit})`
  switch (whenLimited) {
    case 'queue':
      return { kind: 'queue', reason: `Queued: ${busy}; it starts when one ends.` }
    case 'cancel-new':
      return { kind: 'cancel-new', reason: `Cancelled: ${busy} and its policy is cancel-new.` }
    case 'cancel-oldest':
      return {
        kind: 'cancel-oldest',
        count: running - limit + 1,
        reason: `Cancelled to make room for a newer run: ${busy} and its policy is cancel-oldest.`,
      }
  }
}

/** How many queued runs may start now. */
export function freeSlots(concurrency: TWorkflowDefinition['concurrency'], running: number): number {
  if (!concurrency) return Number.POSITIVE_INFINITY
  return Math.max(0, concurrency.limit - running)
}

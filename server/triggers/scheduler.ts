// The scheduler loop: every `pollMs` it fires the schedules that are due. Any number of schedulers
// may run against one database; fireDueSchedules makes each occurrence fire once. Database errors
// are logged and retried with backoff, never fatal.
import { startPollingLoop } from '@/server/platform/polling-loop'
import { fireDueSchedules, type FireOutcome, type SchedulerDeps } from './schedule-firing'

export type SchedulerOptions = SchedulerDeps & {
  /** How often due schedules are looked for; cron has minute precision, so a second is plenty. */
  pollMs?: number
  /** Schedules fired per iteration before the loop sleeps again. */
  batchSize?: number
}

export interface RunningScheduler {
  /** Fires what is due now, outside the loop's rhythm (tests, and a wake-up after an edit). */
  tick(): Promise<FireOutcome[]>
  stop(): Promise<void>
}

const MAX_BACKOFF_MS = 5000

export function startScheduler(options: SchedulerOptions): RunningScheduler {
  const pollMs = options.pollMs ?? 1000
  const batchSize = options.batchSize ?? 100
  const log = options.logger.child({ component: 'scheduler' })
  const deps: SchedulerDeps = { db: options.db, clock: options.clock, logger: log }
  const tick = () => fireDueSchedules(deps, batchSize)
  const loop = startPollingLoop({
    name: 'scheduler',
    intervalMs: pollMs,
    maxBackoffMs: MAX_BACKOFF_MS,
    log,
    iterate: async () => {
      const fired = await tick()
      for (const f of fired) log.debug(f, 'schedule fired')
      // A full batch means more may be due: go again at once.
      return fired.length >= batchSize ? 0 : undefined
    },
  })
  return { tick, stop: () => loop.stop() }
}

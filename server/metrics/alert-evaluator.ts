// The alert evaluator loop (role scheduler): seeds the built-in rules, then every `intervalMs`
// evaluates the rules (once across all nodes) and delivers pending webhook notifications.
import { startPollingLoop } from '@/server/platform/polling-loop'
import { evaluateAlertRules, type AlertDeps, type EvaluationResult } from './alert-evaluation'
import { seedBuiltinAlertRules } from './alert-rule-store'
import { deliverAlertNotifications } from './alert-webhooks'

export interface RunningAlertEvaluator {
  /** One evaluation plus delivery, outside the loop's rhythm (tests). */
  tick(): Promise<EvaluationResult>
  stop(): Promise<void>
}

const MAX_BACKOFF_MS = 30_000

export function startAlertEvaluator(
  options: AlertDeps & { intervalMs?: number; webhookTimeoutMs?: number; fetch?: typeof fetch },
): RunningAlertEvaluator {
  const intervalMs = options.intervalMs ?? 5000
  const log = options.logger.child({ component: 'alerts' })
  const deps = { ...options, logger: log }
  let seeded = false

  const tick = async () => {
    if (!seeded) {
      await seedBuiltinAlertRules(deps.db, deps.clock.now())
      seeded = true
    }
    const result = await evaluateAlertRules(deps, { minSampleGapMs: intervalMs / 2 })
    await deliverAlertNotifications(deps, { timeoutMs: options.webhookTimeoutMs ?? 5000 })
    return result
  }

  const loop = startPollingLoop({
    name: 'alert evaluator',
    intervalMs,
    maxBackoffMs: MAX_BACKOFF_MS,
    log,
    iterate: async () => {
      await tick()
    },
  })
  return { tick, stop: () => loop.stop() }
}

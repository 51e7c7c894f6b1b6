// The alert evaluator loop (role scheduler): seeds the built-in rules, then every `intervalMs`
// evaluates the rules (once across all nodes) and delivers pending webhook notifications.
import { Wakeup } from '@/server/runner/wakeup'
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
  const wakeup = new Wakeup()
  let stopping = false
  let failures = 0
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

  const loop = async () => {
    log.info({ intervalMs }, 'alert evaluator started')
    while (!stopping) {
      let delay = intervalMs
      try {
        await tick()
        failures = 0
      } catch (error) {
        failures++
        delay = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** failures)
        log.error({ err: error, retryInMs: delay }, 'alert evaluation failed; retrying')
      }
      if (!stopping) await wakeup.wait(delay)
    }
    log.info('alert evaluator stopped')
  }
  const running = loop()

  return {
    tick,
    async stop() {
      stopping = true
      wakeup.wake()
      await running
    },
  }
}

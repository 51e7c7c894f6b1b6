// The runner: claims due steps under a lease, executes them, stores results in batched
// transactions, renews leases, reaps expired ones and times out runs. Each concern is one system
// sharing the resources object (runner-resources.ts); startRunner composes them and stops them in
// order. Woken over the notify bus with a polling fallback; database errors are retried, never fatal.
import { Wakeup } from '@/server/platform/wakeup'
import { ClaimLoop } from './claim-loop'
import { CompletionFlush } from './completion-flush'
import { InFlightSteps } from './in-flight-steps'
import { LeaseRenewal } from './lease-renewal'
import { releaseLeasesAfterDrain } from './lease-release'
import { QueuedRunAdmission } from './queued-run-admission'
import { ResultLoop } from './result-loop'
import { createRunnerResources, type RunnerOptions } from './runner-resources'
import { listenForRunnerWakeups } from './runner-wakeups'
import { StepLauncher } from './step-launcher'
import { Sweeper } from './sweeper'

export type { RunnerOptions } from './runner-resources'

export interface RunningRunner {
  owner: string
  wake(): void
  stop(): Promise<void>
}

export function startRunner(options: RunnerOptions): RunningRunner {
  const resources = createRunnerResources(options)
  const { log, config, lifecycle } = resources
  const inFlight = new InFlightSteps()
  /** Two loops: claiming (woken when steps become ready) and storing results (woken when attempts finish). */
  const resultsWakeup = new Wakeup()
  const launcher = new StepLauncher(resources, inFlight, () => resultsWakeup.wake())
  const claims = new ClaimLoop(resources, inFlight, launcher)
  const admission = new QueuedRunAdmission(resources)
  const flush = new CompletionFlush(resources, inFlight, { launcher, admission, claims })
  const renewal = new LeaseRenewal(resources, inFlight)
  const results = new ResultLoop(resources, inFlight, resultsWakeup, { flush, renewal, sweeper: new Sweeper(resources) })
  const wakeups = listenForRunnerWakeups(resources, {
    stepsReady: () => claims.wake(),
    stepsCancelled: () => {
      renewal.requestNow()
      resultsWakeup.wake()
    },
  })
  const loopDone = Promise.all([claims.run(), results.run()]).catch((error: unknown) =>
    log.fatal({ err: error }, 'runner loop crashed'),
  )
  log.info({ maxInFlight: config.maxInFlight, leaseMs: config.leaseMs, pollMs: config.pollMs }, 'runner started')

  /** Claiming stops at once; in-flight attempts get drainMs to finish before their leases are released. */
  async function stop(): Promise<void> {
    lifecycle.stopping = true
    claims.wake()
    resultsWakeup.wake()
    const cancelRelease = releaseLeasesAfterDrain(resources, inFlight)
    await loopDone
    await admission.settled()
    cancelRelease()
    await wakeups.stop()
    log.info('runner stopped')
  }

  let stopped: Promise<void> | undefined
  return { owner: config.owner, wake: () => claims.wake(), stop: () => (stopped ??= stop()) }
}

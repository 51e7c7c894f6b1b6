// A background loop that runs `iterate` every `intervalMs` until stopped; a failed iteration is
// logged and retried with exponential backoff (capped), never fatal. `iterate` may return 0 to
// ask for the next round at once (more work is waiting).
import type { Logger } from './logger'
import { Wakeup } from './wakeup'

export interface PollingLoop {
  stop(): Promise<void>
}

export function startPollingLoop(options: {
  name: string
  intervalMs: number
  maxBackoffMs: number
  log: Logger
  iterate: () => Promise<number | void>
}): PollingLoop {
  const { intervalMs, log } = options
  const wakeup = new Wakeup()
  let stopping = false
  let failures = 0
  const running = (async () => {
    log.info({ intervalMs }, `${options.name} started`)
    while (!stopping) {
      let delay = intervalMs
      try {
        const next = await options.iterate()
        failures = 0
        if (next === 0) delay = 0
      } catch (error) {
        failures++
        delay = Math.min(options.maxBackoffMs, intervalMs * 2 ** failures)
        log.error({ err: error, retryInMs: delay }, `${options.name} iteration failed; retrying`)
      }
      if (!stopping) await wakeup.wait(delay)
    }
    log.info(`${options.name} stopped`)
  })()
  return {
    async stop() {
      stopping = true
      wakeup.wake()
      await running
    },
  }
}

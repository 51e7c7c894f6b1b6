// What wakes the runner between polls, over the platform's notify bus: `steps` (steps became
// ready: claim now) and `cancel` (running steps were cancelled: check leases now). A failed
// LISTEN only costs latency; the loops poll.
import { channelName, listen, type Channel, type Listening } from '@/server/platform/notify-bus'
import type { RunnerResources } from './runner-resources'

export interface RunnerWakeups {
  stop(): Promise<void>
}

export function listenForRunnerWakeups(
  resources: RunnerResources,
  handlers: { stepsReady: () => void; stepsCancelled: () => void },
): RunnerWakeups {
  const follow = (channel: Channel, onNotify: () => void): Listening =>
    listen(resources.sql, channel, onNotify, {
      onResync: onNotify,
      onError: (error) =>
        resources.log.warn({ err: error, channel: channelName(channel) }, 'LISTEN failed; relying on polling'),
    })
  const listening = [follow('steps', handlers.stepsReady), follow('cancel', handlers.stepsCancelled)]
  return {
    stop: async () => {
      await Promise.all(listening.map((l) => l.stop()))
    },
  }
}

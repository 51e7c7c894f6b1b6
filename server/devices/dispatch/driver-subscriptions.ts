// The driver's NOTIFY subscriptions and fallback timers: finished commands feed the results
// waiting for them, freed slots wake queued dispatches, registry changes refresh the fleet copy.
// After a LISTEN reconnect (not on the first LISTEN) everything is re-read at once.
import type postgres from 'postgres'
import {
  channelName,
  listen,
  type Channel,
  type Listening,
  type MessageOf,
} from '@/server/platform/notify-bus'
import type { DriverResources } from './driver-resources'

/** A registry change (a device connected, drained, revoked): the fleet copy first, then every queue head retries. */
function onRegistryChange(resources: DriverResources): void {
  void resources.fleet.refresh().then(() => resources.slots.wakeHeads())
}

function catchUp(resources: DriverResources): void {
  resources.results.fetchAll()
  onRegistryChange(resources)
}

function onResultNotified(resources: DriverResources, finished: MessageOf<'deviceResults'>): void {
  if (typeof finished === 'string') resources.results.fetch([finished])
  else resources.results.deliver(finished)
}

function onSlotsNotified(resources: DriverResources, freed: MessageOf<'deviceSlots'>): void {
  resources.snapshot.noteReleased(freed.deviceId, freed.load)
  resources.slots.slotFreed(freed.deviceId)
}

function follow<C extends Channel>(
  resources: DriverResources,
  client: postgres.Sql,
  channel: C,
  onMessage: (message: MessageOf<C>) => void,
): Listening {
  // The driver read everything as it started: only a reconnect (or an unreadable payload) re-reads.
  return listen(client, channel, onMessage, {
    resyncOnFirstListen: false,
    onResync: () => catchUp(resources),
    onError: (error) =>
      resources.log.warn({ err: error, channel: channelName(channel) }, 'LISTEN failed; relying on polling'),
  })
}

/** Subscribes the three channels and waits until each LISTEN is in place (or failed). */
export async function listenForDriver(
  resources: DriverResources,
  client: postgres.Sql,
): Promise<Listening[]> {
  const subscriptions = [
    follow(resources, client, 'deviceResults', (finished) => onResultNotified(resources, finished)),
    follow(resources, client, 'deviceSlots', (freed) => onSlotsNotified(resources, freed)),
    follow(resources, client, 'deviceRegistry', () => onRegistryChange(resources)),
  ]
  await Promise.all(subscriptions.map((subscription) => subscription.ready))
  return subscriptions
}

/** Re-reads pending results and lets queue heads retry every pollMs; refreshes the fleet copy every snapshotMs. */
export function startDriverPolls(resources: DriverResources, snapshotMs: number): NodeJS.Timeout[] {
  return [
    setInterval(() => {
      resources.results.fetchAll()
      resources.slots.wakeHeads()
    }, resources.pollMs),
    setInterval(() => void resources.fleet.refresh(), snapshotMs),
  ]
}

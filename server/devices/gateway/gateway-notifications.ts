// The gateway's NOTIFY subscriptions: a new command (delivered straight from its notification when
// it travelled along) or a cancel for a device held here, and registry events (revoke disconnects
// at once; drain and undrain are relayed). A lost notification is caught by the gateway's poll.
import type postgres from 'postgres'
import {
  channelName,
  listen,
  type Channel,
  type Listening,
  type MessageOf,
} from '@/server/platform/notify-bus'
import { deliverNotified, scheduleSync } from './gateway-delivery'
import type { GatewayResources } from './gateway-resources'

function onCommandsNotified(resources: GatewayResources, message: MessageOf<'deviceCommands'>): void {
  const { deviceId, cancel, command } = message
  const device = resources.held.get(deviceId)
  if (command && device) {
    const { commandId, ...rest } = command
    deliverNotified(resources, deviceId, device, { id: commandId, ...rest })
  } else scheduleSync(resources, deviceId, { cancels: cancel })
}

function onRegistryNotified(resources: GatewayResources, message: MessageOf<'deviceRegistry'>): void {
  const device = resources.held.get(message.deviceId)
  if (!device) return
  if (message.event === 'revoked') {
    resources.log.info({ deviceId: message.deviceId }, 'device revoked; disconnecting it')
    device.socket.emit('device:error', {
      code: 'revoked',
      message: 'This device was revoked on the fleet page.',
    })
    device.socket.disconnect(true)
  } else if (message.event === 'drain' || message.event === 'undrain') {
    device.socket.emit('device:drain', { draining: message.event === 'drain' })
  }
}

/** Subscribes both channels; a failed LISTEN leaves the gateway on its poll. */
export function listenForGateway(resources: GatewayResources, client: postgres.Sql): Listening[] {
  const onError = (channel: Channel) => (error: unknown) =>
    resources.log.warn({ err: error, channel: channelName(channel) }, 'LISTEN failed; relying on polling')
  return [
    listen(client, 'deviceCommands', (message) => onCommandsNotified(resources, message), {
      onError: onError('deviceCommands'),
    }),
    listen(client, 'deviceRegistry', (message) => onRegistryNotified(resources, message), {
      onError: onError('deviceRegistry'),
    }),
  ]
}

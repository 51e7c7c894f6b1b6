// Delivers a held device's queued commands and cancel requests to its socket. One delivery pass
// per device at a time; notifications during a pass mark it dirty so nothing is missed.
import type { Db } from '@/db/client'
import type { StepError } from '@/server/engine/run/run-status'
import type { Logger } from '@/server/platform/logger'
import {
  claimCancelRequests,
  claimQueuedCommands,
  failCommand,
  markAcked,
  markDelivered,
  type DeliverableCommand,
} from './gateway-commands'
import type { HeldDevice } from './gateway-resources'

export interface DeliveryContext {
  db: Db
  log: Logger
  gatewayId: string
  ackTimeoutMs: number
  held: Map<string, HeldDevice>
}

/**
 * Marks a held device as having work (commands, and cancels when asked) and starts a delivery pass
 * unless one is running; a running pass sees the mark and goes round again.
 */
export function scheduleSync(ctx: DeliveryContext, deviceId: string, opts: { cancels: boolean }): void {
  const device = ctx.held.get(deviceId)
  if (!device) return
  if (opts.cancels) device.checkCancels = true
  device.dirty = true
  if (device.syncing) return
  device.syncing = true
  void deliverCommands(ctx, deviceId, device).finally(() => {
    device.syncing = false
  })
}

/** Refusals that another attempt cannot fix. */
const FINAL_REFUSALS = new Set(['unknown_action', 'invalid_params'])

export async function deliverCommands(
  ctx: DeliveryContext,
  deviceId: string,
  device: HeldDevice,
): Promise<void> {
  try {
    while (device.dirty && ctx.held.get(deviceId) === device) {
      device.dirty = false
      const commands = await claimQueuedCommands(ctx.db, deviceId, ctx.gatewayId)
      for (const command of commands) sendCommand(ctx, deviceId, device, command)
      if (commands.length > 0) device.dirty = true // there may be more than one batch
      if (device.checkCancels) {
        device.checkCancels = false
        for (const commandId of await claimCancelRequests(ctx.db, deviceId))
          sendCancel(ctx, device, commandId)
      }
    }
  } catch (error) {
    ctx.log.warn({ err: error, deviceId }, 'delivering commands failed; the poll retries')
  }
}

/** A command that arrived in its notification goes to the socket at once; the row is marked after. */
export function deliverNotified(
  ctx: DeliveryContext,
  deviceId: string,
  device: HeldDevice,
  command: DeliverableCommand,
): void {
  sendCommand(ctx, deviceId, device, command)
  markDelivered(ctx.db, deviceId, command.id, ctx.gatewayId).catch((error: unknown) =>
    ctx.log.warn(
      { err: error, commandId: command.id },
      'recording a delivery failed; the command may be delivered again',
    ),
  )
}

function sendCommand(
  ctx: DeliveryContext,
  deviceId: string,
  device: HeldDevice,
  command: DeliverableCommand,
): void {
  const fail = (error: StepError) =>
    failCommand(ctx.db, deviceId, command.id, error).catch((e: unknown) =>
      ctx.log.error({ err: e, commandId: command.id }, 'recording a refused command failed'),
    )
  device.socket
    .timeout(ctx.ackTimeoutMs)
    .emit(
      'command:run',
      { commandId: command.id, action: command.action, params: command.params, timeoutMs: command.timeoutMs },
      (err: Error | null, reply: unknown) => {
        // Disconnected before the ack: the reconnect's hello or the sweep decides.
        if (err && !device.socket.connected) return
        if (err)
          return void fail({
            code: 'ack_timeout',
            message: `The device did not acknowledge the command within ${ctx.ackTimeoutMs} ms.`,
            retryable: true,
          })
        // Only `{ data: { accepted: true } }` accepts; `{ data: { accepted: false } }` or any other answer refuses.
        if (isObject(reply) && isObject(reply.data) && reply.data.accepted === true)
          return void markAcked(ctx.db, deviceId, command.id, ctx.gatewayId).catch((e: unknown) =>
            ctx.log.warn({ err: e, commandId: command.id }, 'recording an ack failed'),
          )
        const refusal = isObject(reply) && isObject(reply.error) ? reply.error : undefined
        const code = typeof refusal?.code === 'string' ? refusal.code.slice(0, 64) : 'device_refused'
        void fail({
          code,
          message:
            typeof refusal?.message === 'string'
              ? refusal.message.slice(0, 4000)
              : 'The device did not accept the command (its ack was not { data: { accepted: true } }).',
          retryable: !FINAL_REFUSALS.has(code),
        })
      },
    )
}

function sendCancel(ctx: DeliveryContext, device: HeldDevice, commandId: string): void {
  device.socket
    .timeout(ctx.ackTimeoutMs)
    .emit('command:cancel', { commandId, reason: 'The step was stopped.' }, (err: Error | null) => {
      if (err)
        ctx.log.warn(
          { commandId },
          'the device did not acknowledge a cancel; the sweep records it after a grace period',
        )
    })
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

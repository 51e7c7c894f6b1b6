// Postgres NOTIFY channels that tie runners, gateways and the API together (no node talks to another directly).

/** Payload: a new command with its device (see parseCommandsPayload), `<device id>` or `cancel:<device id>`: its gateway delivers them. */
export const DEVICE_COMMANDS_CHANNEL = 'relayflow_device_commands'
/** Payload: a command id. The command reached a terminal status: the dispatching runner reads the result. */
export const DEVICE_RESULTS_CHANNEL = 'relayflow_device_results'
/**
 * Payload: `<load>:<device id>`. Slots freed on a device (a command finished, failed, was lost or
 * cancelled), sent by every statement that releases slots: dispatches waiting for one retry now.
 */
export const DEVICE_SLOTS_CHANNEL = 'relayflow_device_slots'
/** Payload: a command id. New log lines or progress of a command: live views of its step fetch them. */
export const COMMAND_ACTIVITY_CHANNEL = 'relayflow_command_activity'
/** Payload: `<event>:<device id>` with event revoked | drain | undrain | changed. Registry changes for gateways and drivers. */
export const DEVICE_REGISTRY_CHANNEL = 'relayflow_devices'

const REGISTRY_EVENTS = ['revoked', 'drain', 'undrain', 'changed'] as const
export type RegistryEvent = (typeof REGISTRY_EVENTS)[number]

export function registryPayload(event: RegistryEvent, deviceId: string): string {
  return `${event}:${deviceId}`
}

export function parseRegistryPayload(
  payload: string,
): { event: RegistryEvent; deviceId: string } | undefined {
  const index = payload.indexOf(':')
  const event = REGISTRY_EVENTS.find((e) => e === payload.slice(0, index))
  if (index < 0 || !event) return undefined
  return { event, deviceId: payload.slice(index + 1) }
}

export function cancelPayload(deviceId: string): string {
  return `cancel:${deviceId}`
}

export interface NotifiedCommand {
  commandId: string
  action: string
  params: Record<string, unknown>
  timeoutMs: number | null
}

/** `{ deviceId, command }` JSON (a new command small enough to travel in the notification), `cancel:<id>`, or a device id. */
export function parseCommandsPayload(payload: string): {
  deviceId: string
  cancel: boolean
  command?: NotifiedCommand
} {
  if (payload.startsWith('{')) {
    const parsed = JSON.parse(payload) as { deviceId: string; command: NotifiedCommand }
    return { deviceId: parsed.deviceId, cancel: false, command: parsed.command }
  }
  return payload.startsWith('cancel:')
    ? { deviceId: payload.slice(7), cancel: true }
    : { deviceId: payload, cancel: false }
}

/** A slots payload: the device and its load as the releasing commit left it. */
export function parseSlotsPayload(payload: string): { deviceId: string; load: number } | undefined {
  const index = payload.indexOf(':')
  const load = Number(payload.slice(0, index))
  if (index <= 0 || !Number.isInteger(load)) return undefined
  return { deviceId: payload.slice(index + 1), load }
}

// What the action picker lists and says: the fleet's actions filtered by what is typed, a line per
// action, and the inline notice when no registered device offers the typed action.
import type { TFleetAction } from '@/server/api/routers/devices/list-device-actions.types'

export type FleetAction = TFleetAction

/** Actions whose name or description contains the typed text; all of them for an exact name or nothing typed. */
export function filterActions(actions: readonly FleetAction[], typed: string): FleetAction[] {
  const query = typed.trim().toLowerCase()
  if (query === '' || actions.some((a) => a.name === query)) return [...actions]
  return actions.filter((a) => a.name.includes(query) || (a.description ?? '').toLowerCase().includes(query))
}

export function onlineLabel(action: FleetAction): string {
  return `${action.onlineDevices} online`
}

/** The warning under the action field, or undefined when a registered device offers it. */
export function actionNotice(
  actions: readonly FleetAction[] | undefined,
  name: string | undefined,
): { level: 'error' | 'warning'; text: string } | undefined {
  if (!actions || !name || name.includes('{{')) return undefined
  const found = actions.find((a) => a.name === name)
  if (!found) return { level: 'error', text: `no device offers \`${name}\`` }
  if (found.onlineDevices === 0)
    return {
      level: 'warning',
      text: `no online device offers \`${name}\` (${found.registeredDevices} registered, offline)`,
    }
  return undefined
}

/** The note under the params form when devices announce different schemas for the action. */
export function schemaNote(action: FleetAction | undefined): string | undefined {
  if (!action?.paramsSchema) return undefined
  if (action.schemasDiffer)
    return action.schemaFrom === 'online'
      ? 'Devices announce different parameters for this action; the form follows the newest online device.'
      : 'Devices announce different parameters for this action; the form follows the newest device (none is online).'
  return action.schemaFrom === 'offline' ? 'Parameters as announced by an offline device.' : undefined
}

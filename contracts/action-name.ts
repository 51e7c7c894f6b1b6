// Device action names: one rule for a workflow step's `action` and for the actions an agent
// declares in its hello, so every action a device offers can be targeted by a step.
export const ACTION_PATTERN = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/
export const ACTION_NAME_MAX_LENGTH = 100
export const ACTION_NAME_RULE =
  'must be lowercase letters, digits, _ and - in dot-separated parts, starting with a letter, such as "system.info" or "http.request"'

export function isActionName(name: string): boolean {
  return name.length <= ACTION_NAME_MAX_LENGTH && ACTION_PATTERN.test(name)
}

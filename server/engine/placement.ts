// Placement: can the fleet run a step? One rule for the start-time pre-flight, the editor's live
// warnings and the runner's "waiting for a device" message. Pure: the fleet is passed in.
import { matchesTarget, type MatchableDevice, type TDeviceTarget } from './device-target'
import { parseDuration } from './duration'
import type { ExpressionContext } from './expressions'
import { hasTemplate, renderTemplate, TemplateError } from './templating'
import type { TWorkflowStep } from '@/steps/registry'
import { issue, type WorkflowIssue } from './workflow-issues'

export const DEFAULT_PLACEMENT_TIMEOUT_MS = 30_000

/** A registered, non-revoked device as placement sees it. */
export interface FleetDevice extends MatchableDevice {
  /** Connected and not draining: it can take work now. */
  online: boolean
}

/** A step that will ask the fleet for a device, with a target known before the run starts. */
export interface PlacementNeed {
  stepId: string
  /** Index of the step in the document. */
  index: number
  action: string
  target: TDeviceTarget | undefined
}

type PlacingStep = Extract<TWorkflowStep, { type: 'command' | 'parallel' }>

function isPlacingStep(step: TWorkflowStep): step is PlacingStep {
  return step.type === 'command' || step.type === 'parallel'
}

/** The target uses run data (`{{ }}` in any of its strings): it can only be checked at dispatch. */
export function isDynamicTarget(target: TDeviceTarget | undefined): boolean {
  if (!target) return false
  if ('deviceId' in target) return hasTemplate(target.deviceId)
  const { tags = [], capabilities = [] } = target.selector
  return [...tags, ...capabilities].some(hasTemplate)
}

/**
 * Renders a target's `{{ }}` templates against the run's data (with `item` and `index` for a
 * parallel branch) and checks what they produced; a static target is returned as it is.
 */
export function renderTarget(
  target: TDeviceTarget | undefined,
  context: ExpressionContext,
): TDeviceTarget | undefined {
  if (!target || !isDynamicTarget(target)) return target
  const fail = (path: string, value: unknown): never => {
    throw new TemplateError(
      `${path} rendered to ${JSON.stringify(value) ?? 'undefined'}; it must be a non-empty string (a device id, tag or capability).`,
      JSON.stringify(target),
    )
  }
  const text = (template: string, path: string): string => {
    const value = renderTemplate(template, context)
    return typeof value === 'string' && value !== '' ? value : fail(path, value)
  }
  if ('deviceId' in target) return { deviceId: text(target.deviceId, 'target.deviceId') }
  const { tags, capabilities } = target.selector
  return {
    ...target,
    selector: {
      ...(tags ? { tags: tags.map((tag, i) => text(tag, `target.selector.tags[${i}]`)) } : {}),
      ...(capabilities
        ? { capabilities: capabilities.map((c, i) => text(c, `target.selector.capabilities[${i}]`)) }
        : {}),
    },
  }
}

/** Whether the step asks for a device at all when it runs (an empty literal item list or allowEmpty need none). */
function needsDevice(step: PlacingStep): boolean {
  if (step.type === 'command') return true
  if (step.over === 'items') return !(Array.isArray(step.items) && step.items.length === 0)
  return step.allowEmpty !== true
}

/**
 * Command and parallel steps whose target does not depend on run data, in document order. A step
 * given as undefined (the editor's steps that do not parse yet) is skipped, keeping the indexes.
 */
export function staticPlacementNeeds(steps: readonly (TWorkflowStep | undefined)[]): PlacementNeed[] {
  const out: PlacementNeed[] = []
  steps.forEach((step, index) => {
    if (!step || !isPlacingStep(step) || !needsDevice(step) || isDynamicTarget(step.target)) return
    out.push({ stepId: step.id, index, action: step.action, target: step.target })
  })
  return out
}

/** How many devices match a target: registered (any state) and online, out of all online devices. */
export interface FleetMatch {
  registered: number
  online: number
  onlineTotal: number
}

export function countMatches(
  fleet: readonly FleetDevice[],
  target: TDeviceTarget | undefined,
  action: string,
): FleetMatch {
  let registered = 0
  let online = 0
  let onlineTotal = 0
  for (const device of fleet) {
    if (device.online) onlineTotal++
    if (!matchesTarget(device, target, action)) continue
    registered++
    if (device.online) online++
  }
  return { registered, online, onlineTotal }
}

const quoted = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(', ')
const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`)

/** "`check.disk` with tag `eu`", "`echo` on device `edge-1`": what the step asks of the fleet. */
export function describeNeed(action: string, target: TDeviceTarget | undefined): string {
  if (target && 'deviceId' in target) return `\`${action}\` on device \`${target.deviceId}\``
  const { tags = [], capabilities = [] } = target?.selector ?? {}
  const parts: string[] = []
  if (tags.length > 0) parts.push(`${plural(tags.length, 'tag')} ${quoted(tags)}`)
  if (capabilities.length > 0)
    parts.push(`${plural(capabilities.length, 'capability')} ${quoted(capabilities)}`)
  return parts.length === 0 ? `\`${action}\`` : `\`${action}\` with ${parts.join(' and ')}`
}

/** Why no device takes the step, e.g. "no device offers `check.disk` with tag `eu`; 0 of 4 online devices match". */
export function describeShortfall(
  action: string,
  target: TDeviceTarget | undefined,
  match: FleetMatch,
): string {
  const online = `${match.online} of ${match.onlineTotal} online ${plural(match.onlineTotal, 'device')} match`
  if (match.registered === 0) {
    const what =
      target && 'deviceId' in target
        ? `no registered device \`${target.deviceId}\` offers \`${action}\``
        : `no device offers ${describeNeed(action, target)}`
    return `${what}; ${online}`
  }
  if (match.online === 0) {
    const offline = `${match.registered} registered ${plural(match.registered, 'device')} ${match.registered === 1 ? 'matches' : 'match'} but ${match.registered === 1 ? 'is' : 'are'} offline or draining`
    return `no online device offers ${describeNeed(action, target)} (${offline}); ${online}`
  }
  return `${describeNeed(action, target)}: ${online}`
}

/**
 * The placement problems of a workflow against a fleet: `no_capable_device` (an error at start) for
 * a static target no registered device satisfies; with `includeOffline`, `no_online_device`
 * warnings for targets only offline devices satisfy (a run would wait, then fail at run time).
 */
export function checkPlacement(
  steps: readonly (TWorkflowStep | undefined)[],
  fleet: readonly FleetDevice[],
  options: { includeOffline?: boolean; severity?: 'error' | 'warning' } = {},
): WorkflowIssue[] {
  const out: WorkflowIssue[] = []
  for (const need of staticPlacementNeeds(steps)) {
    const match = countMatches(fleet, need.target, need.action)
    const offlineOnly = match.registered > 0 && match.online === 0
    if (match.registered > 0 && !(options.includeOffline && offlineOnly)) continue
    out.push(
      issue({
        code: match.registered === 0 ? 'no_capable_device' : 'no_online_device',
        severity: match.registered === 0 ? (options.severity ?? 'error') : 'warning',
        stepId: need.stepId,
        path: ['steps', need.index, need.target ? 'target' : 'action'],
        message: `${capitalize(describeShortfall(need.action, need.target, match))}.`,
      }),
    )
  }
  return out
}

/** The step's placement deadline: its own placementTimeout, else the workflow's, else 30 s. */
export function placementTimeoutMs(
  step: TWorkflowStep,
  workflow: { placementTimeout?: number | string | undefined },
): number {
  const own = isPlacingStep(step) ? step.placementTimeout : undefined
  const chosen = own ?? workflow.placementTimeout
  return chosen === undefined ? DEFAULT_PLACEMENT_TIMEOUT_MS : parseDuration(chosen)
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

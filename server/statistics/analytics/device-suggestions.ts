// Suggestions about devices from the leaderboard: a device whose commands fail far more often than
// the rest of the fleet's is likely broken or misconfigured, not unlucky.
import { formatPercent } from '../monitoring/percentiles'

export interface DeviceFailureStats {
  deviceId: string
  deviceName: string
  commands: number
  failed: number
  topErrorCode: string | null
}

export interface DeviceSuggestion {
  kind: 'failing_device'
  deviceId: string
  message: string
}

/** Enough commands that a rate means something. */
const MIN_COMMANDS = 20
/** Flag at this failure rate or more ... */
const MIN_RATE = 0.1
/** ... when it is also this many times the rest of the fleet's rate. */
const MIN_RATIO = 2

export function suggestForDevices(devices: readonly DeviceFailureStats[]): DeviceSuggestion[] {
  const total = devices.reduce((n, d) => n + d.commands, 0)
  const failed = devices.reduce((n, d) => n + d.failed, 0)
  const out: DeviceSuggestion[] = []
  for (const d of devices) {
    if (d.commands < MIN_COMMANDS) continue
    const rate = d.failed / d.commands
    const othersCommands = total - d.commands
    const othersRate = othersCommands > 0 ? (failed - d.failed) / othersCommands : 0
    if (rate < MIN_RATE || (othersCommands > 0 && rate < MIN_RATIO * othersRate)) continue
    const code = d.topErrorCode ? `, mostly ${d.topErrorCode}` : ''
    const fleet = othersCommands > 0 ? ` (the rest of the fleet: ${formatPercent(othersRate)})` : ''
    out.push({
      kind: 'failing_device',
      deviceId: d.deviceId,
      message: `device ${d.deviceName} fails ${formatPercent(rate)} of its commands${code}${fleet} — drain it and check it, or route its work elsewhere`,
    })
  }
  return out.sort((a, b) => a.deviceId.localeCompare(b.deviceId))
}

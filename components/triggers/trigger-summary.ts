// The one-line summary of how a workflow starts, for the badge over the canvas.

export function triggerSummary(webhookEnabled: boolean, schedules: readonly { enabled: boolean }[]): string {
  const active = schedules.filter((s) => s.enabled).length
  const parts = [
    ...(webhookEnabled ? ['webhook'] : []),
    ...(active > 0 ? [`${active} ${active === 1 ? 'schedule' : 'schedules'}`] : []),
  ]
  return parts.length > 0 ? parts.join(' · ') : 'manual only'
}

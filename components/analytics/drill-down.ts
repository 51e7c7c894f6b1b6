// Where a click on an analytics chart leads: the /runs list with the filters that reproduce the
// bar, cell or row (status, workflow, trigger, device and the exact time range as ISO instants).
import { runListHref } from '@/components/runs/run-list-query'
import type { ExecutionStatus } from '@/server/engine/run/run-status'
import { EXECUTION_STATUSES } from '@/server/engine/run/run-status'

export interface DrillWindow {
  from: Date
  to: Date
  workflowId?: string
}

export interface DrillFilters {
  status?: string
  workflowId?: string | null
  trigger?: string
  deviceId?: string
  from?: Date
  to?: Date
}

export function runsHref(window: DrillWindow, filters: DrillFilters = {}): string {
  const workflowId = filters.workflowId ?? window.workflowId
  return runListHref({
    status: EXECUTION_STATUSES.find((s): s is ExecutionStatus => s === filters.status),
    workflowId: workflowId ?? undefined,
    trigger: filters.trigger,
    deviceId: filters.deviceId,
    from: (filters.from ?? window.from).toISOString(),
    to: (filters.to ?? window.to).toISOString(),
  })
}

/**
 * The latest hour in the window that falls on ISO weekday `weekday` (1 = Monday) at local `hour`:
 * a heatmap cell sums that hour over every week, and the run list shows one contiguous range.
 */
export function latestHourOfWeek(window: DrillWindow, weekday: number, hour: number): { from: Date; to: Date } | null {
  const cursor = new Date(window.to)
  cursor.setMinutes(0, 0, 0)
  for (let i = 0; i < 24 * 7 + 1; i++) {
    const isoWeekday = cursor.getDay() === 0 ? 7 : cursor.getDay()
    if (isoWeekday === weekday && cursor.getHours() === hour) {
      if (cursor.getTime() + 3_600_000 <= window.from.getTime()) return null
      const from = cursor < window.from ? window.from : new Date(cursor)
      const end = new Date(cursor.getTime() + 3_600_000)
      return { from, to: end > window.to ? window.to : end }
    }
    cursor.setHours(cursor.getHours() - 1)
  }
  return null
}

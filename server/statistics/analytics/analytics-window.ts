// The time window an analytics report covers: "last <range>" ending now, bucketed by hour for
// short ranges and by day for long ones, in the viewer's time zone (so days start at their midnight).
import { tryParseDuration } from '@/server/engine/duration'

export const MIN_RANGE_MS = 3_600_000
export const MAX_RANGE_MS = 90 * 86_400_000
/** Ranges up to two days are drawn per hour; longer ones per day. */
const HOURLY_UP_TO_MS = 2 * 86_400_000

/** The picker's presets; any duration between 1 hour and 90 days is accepted by the API. */
export const RANGE_PRESETS = ['1h', '6h', '24h', '7d', '30d', '90d'] as const

export type TimeBucket = 'hour' | 'day'

export interface AnalyticsWindow {
  from: Date
  to: Date
  bucket: TimeBucket
  timezone: string
  /** Only this workflow's runs, when set. */
  workflowId?: string
}

export function isAnalyticsRange(range: string): boolean {
  const ms = tryParseDuration(range)
  return ms !== undefined && ms >= MIN_RANGE_MS && ms <= MAX_RANGE_MS
}

/** Whether the runtime knows the IANA zone (PostgreSQL ships the same tz database). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export function analyticsWindow(
  now: Date,
  input: { range: string; timezone?: string; workflowId?: string },
): AnalyticsWindow {
  const ms = tryParseDuration(input.range)
  if (ms === undefined || !isAnalyticsRange(input.range)) throw new RangeError(`Invalid range: "${input.range}"`)
  return {
    from: new Date(now.getTime() - ms),
    to: now,
    bucket: ms <= HOURLY_UP_TO_MS ? 'hour' : 'day',
    timezone: input.timezone ?? 'UTC',
    ...(input.workflowId ? { workflowId: input.workflowId } : {}),
  }
}

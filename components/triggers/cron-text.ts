// What a cron schedule means, for people: a plain-language description (cronstrue) and the next
// fire times, computed by the same croner settings the scheduler uses (server/triggers/cron-schedule.ts).
import cronstrue from 'cronstrue'
import { checkScheduleSpec, upcomingOccurrences, type ScheduleSpec } from '@/server/triggers/cron-schedule'

/** The nicknames croner accepts, spelled out so the describer reads them like any expression. */
const NICKNAMES: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
}

export type CronPreview =
  | { ok: true; description: string; next: Date[] }
  | { ok: false; problems: { field: 'cron' | 'timezone'; message: string }[] }

/** "At 09:30, Monday through Friday" for `30 9 * * 1-5`; empty when the describer cannot read it. */
export function describeCron(cron: string): string {
  const expression = NICKNAMES[cron.trim().toLowerCase()] ?? cron.trim()
  try {
    return cronstrue.toString(expression, { use24HourTimeFormat: true, throwExceptionOnParseError: true })
  } catch {
    return ''
  }
}

/** The description and the next `count` fire times after `now`, or every problem with the spec. */
export function previewSchedule(spec: ScheduleSpec, now: Date, count = 5): CronPreview {
  const issues = checkScheduleSpec(spec, now)
  if (issues.length > 0) {
    return {
      ok: false,
      problems: issues.map((i) => ({
        field: i.path[0] === 'timezone' ? 'timezone' : 'cron',
        message: i.message,
      })),
    }
  }
  return { ok: true, description: describeCron(spec.cron), next: upcomingOccurrences(spec, now, count) }
}

/** A fire time as a clock in the schedule's own zone, e.g. "Mon, 3 Mar 2025, 09:30". */
export function formatFireTime(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at)
}

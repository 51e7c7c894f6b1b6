// Cron expressions and time zones for schedules: validation that names the field, the next
// occurrence, and what to fire when a scheduler comes back after missing occurrences. No I/O.
import { Cron } from 'croner'
import { issue, type WorkflowIssue } from '@/server/engine/workflow-issues'

export type ScheduleSpec = { cron: string; timezone: string }

/** Counting missed occurrences stops here, so a long outage of a per-minute schedule stays cheap. */
export const MAX_COUNTED_MISSES = 1000

// A name like Europe/Paris or UTC; Intl alone would also take offsets such as +01:00 on newer Node.
const TIMEZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/

export function isIanaTimezone(timezone: string): boolean {
  if (!TIMEZONE_NAME.test(timezone)) return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone })
    return true
  } catch {
    return false
  }
}

/** Five-field cron (minute precision) or a nickname such as `@daily`, evaluated in `timezone`. */
function compile(spec: ScheduleSpec): Cron {
  return new Cron(spec.cron, { timezone: spec.timezone, paused: true, mode: '5-part' })
}

/** Every problem with a cron expression and time zone, each naming its field (`cron`, `timezone`). */
export function checkScheduleSpec(spec: ScheduleSpec, now: Date): WorkflowIssue[] {
  const issues: WorkflowIssue[] = []
  const timezoneOk = isIanaTimezone(spec.timezone)
  if (!timezoneOk) {
    issues.push(
      issue({
        code: 'schema_error',
        message: `timezone: "${spec.timezone}" is not an IANA time zone; use a name such as "UTC" or "Europe/Paris".`,
        path: ['timezone'],
      }),
    )
  }
  let pattern: Cron
  try {
    pattern = compile({ cron: spec.cron, timezone: timezoneOk ? spec.timezone : 'UTC' })
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error)
    issues.push(
      issue({
        code: 'schema_error',
        message: `cron: "${spec.cron}" is not a valid cron expression (${reason}). Use five fields, minute hour day-of-month month day-of-week, e.g. "*/5 * * * *", or @hourly / @daily / @weekly.`,
        path: ['cron'],
      }),
    )
    return issues
  }
  if (pattern.nextRun(now) === null) {
    issues.push(
      issue({
        code: 'schema_error',
        message: `cron: "${spec.cron}" never fires (no future date matches it).`,
        path: ['cron'],
      }),
    )
  }
  return issues
}

/** The first occurrence strictly after `after`, or null when there is none. */
export function nextOccurrence(spec: ScheduleSpec, after: Date): Date | null {
  return compile(spec).nextRun(after)
}

/** Up to `count` occurrences strictly after `after`, in order (fewer when the expression runs out). */
export function upcomingOccurrences(spec: ScheduleSpec, after: Date, count: number): Date[] {
  return compile(spec).nextRuns(count, after)
}

export type FirePlan = {
  /** The occurrence to fire: the latest one due at `now`. */
  scheduledFor: Date
  /** Due occurrences before it that are skipped, not replayed (at most MAX_COUNTED_MISSES). */
  missed: number
  /** The first occurrence after `now`: the schedule's new `next_fire_at`. */
  nextFireAt: Date | null
}

/**
 * What a scheduler does with a schedule whose `dueAt` (its stored next occurrence) has passed:
 * fire once for the latest due occurrence and count the ones in between as missed.
 */
export function planFire(spec: ScheduleSpec, dueAt: Date, now: Date): FirePlan {
  const pattern = compile(spec)
  const nextFireAt = pattern.nextRun(now)
  let latest = dueAt
  let count = 1
  let candidate = pattern.nextRun(dueAt)
  while (candidate && candidate <= now && count < MAX_COUNTED_MISSES + 1) {
    latest = candidate
    count++
    candidate = pattern.nextRun(candidate)
  }
  if (candidate && candidate <= now && nextFireAt) {
    // Counting stopped early: the latest due occurrence is the one just before the next.
    latest = pattern.previousRuns(1, nextFireAt)[0] ?? latest
  }
  return { scheduledFor: latest, missed: count - 1, nextFireAt }
}

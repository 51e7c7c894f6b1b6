// Durations: integer milliseconds or a compact string such as `500ms`, `30s`, `1m30s`, `2h`, `1d`.
import { z } from 'zod'

/** One or more `<integer><unit>` parts; units are ms, s, m, h, d. */
export const DURATION_PATTERN = /^(?:\d+(?:ms|s|m|h|d))+$/

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }
const PART = /(\d+)(ms|s|m|h|d)/g

export const ZDuration = z
  .union([
    z.number().int().min(0).describe('Milliseconds'),
    z
      .string()
      .regex(DURATION_PATTERN, 'must be a duration such as "500ms", "30s", "5m", "2h", "1d" or "1m30s"'),
  ])
  .meta({
    id: 'Duration',
    description: 'A duration: integer milliseconds, or a string such as "500ms", "30s", "1m30s", "2h", "1d"',
  })
export type TDuration = z.infer<typeof ZDuration>

/** Parses a duration to milliseconds. Throws on malformed input (the schema rejects it first). */
export function parseDuration(duration: TDuration): number {
  if (typeof duration === 'number') {
    if (!Number.isInteger(duration) || duration < 0) throw new RangeError(`Invalid duration: ${duration}`)
    return duration
  }
  const ms = tryParseDuration(duration)
  if (ms === undefined) throw new RangeError(`Invalid duration: "${duration}"`)
  return ms
}

/** Like parseDuration but returns undefined instead of throwing. */
export function tryParseDuration(duration: unknown): number | undefined {
  if (typeof duration === 'number') return Number.isInteger(duration) && duration >= 0 ? duration : undefined
  if (typeof duration !== 'string' || !DURATION_PATTERN.test(duration)) return undefined
  let total = 0
  for (const match of duration.matchAll(PART)) {
    const unit = UNIT_MS[match[2] ?? '']
    if (unit === undefined) return undefined
    total += Number(match[1]) * unit
  }
  return Number.isSafeInteger(total) ? total : undefined
}

/** Renders milliseconds in the compact form, e.g. 90_000 → "1m30s". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0ms'
  let rest = Math.round(ms)
  let out = ''
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    const n = Math.floor(rest / size)
    if (n > 0) {
      out += `${n}${unit}`
      rest -= n * size
    }
  }
  return out
}

// One step's log as the inspector lists it: its run events and its devices' log lines, merged
// by time. Both inputs arrive in order, so merging is one linear pass.
import type { LiveRunEvent } from '@/contracts/live-contract'

export interface LogLine {
  key: string
  at: number
  source: 'event' | 'stdout' | 'stderr' | 'info'
  text: string
}

export interface DeviceLogLine {
  id: number
  stream: string
  line: string
  at: Date
}

function describeEvent(event: LiveRunEvent): string {
  const p = event.payload
  const parts = [event.type]
  if (typeof p.attempt === 'number') parts.push(`attempt ${p.attempt}`)
  const error = p.error as { code?: unknown; message?: unknown } | undefined
  if (error && typeof error.message === 'string') parts.push(`${typeof error.code === 'string' ? error.code : 'error'}: ${error.message}`)
  if (typeof p.reason === 'string') parts.push(p.reason)
  if (typeof p.delayMs === 'number') parts.push(`retry in ${p.delayMs} ms`)
  if (typeof p.signal === 'string') parts.push(`signal "${p.signal}"`)
  return parts.join(' · ')
}

function streamOf(stream: string): LogLine['source'] {
  return stream === 'stderr' || stream === 'info' ? stream : 'stdout'
}

export function stepEventLines(events: readonly LiveRunEvent[], stepId: string): LogLine[] {
  const out: LogLine[] = []
  for (const e of events)
    if (e.stepId === stepId) out.push({ key: `e${e.seq}`, at: Date.parse(e.at), source: 'event', text: describeEvent(e) })
  return out
}

export function deviceLogLines(lines: readonly DeviceLogLine[]): LogLine[] {
  return lines.map((l) => ({ key: `l${l.id}`, at: l.at.getTime(), source: streamOf(l.stream), text: l.line }))
}

/** Merges two time-ordered lists; on equal times the event comes first. */
export function mergeLogLines(a: readonly LogLine[], b: readonly LogLine[]): LogLine[] {
  const out: LogLine[] = new Array<LogLine>(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) {
    const x = a[i] as LogLine
    const y = b[j] as LogLine
    if (x.at <= y.at) {
      out[k++] = x
      i++
    } else {
      out[k++] = y
      j++
    }
  }
  while (i < a.length) out[k++] = a[i++] as LogLine
  while (j < b.length) out[k++] = b[j++] as LogLine
  return out
}

// One run event as a log line: `time seq type step message`, the message read from its payload.
import type { ApiClient } from './api-client'
import { formatDuration } from './time-format'

export type RunEvent = Awaited<ReturnType<ApiClient['runs']['events']['query']>>['events'][number]

export function formatEventLine(event: RunEvent): string {
  const message = describeEvent(event.type, asRecord(event.payload))
  return [
    event.createdAt.toISOString(),
    String(event.seq).padStart(4),
    event.type.padEnd(20),
    (event.stepId ?? '-').padEnd(12),
    message,
  ]
    .join(' ')
    .trimEnd()
}

function describeEvent(type: string, p: Record<string, unknown>): string {
  const attempt = typeof p.attempt === 'number' ? `attempt ${p.attempt}` : ''
  const error = asRecord(p.error)
  const errorText =
    typeof error.message === 'string' ? `${text(error.code) || 'error'}: ${error.message}` : ''
  switch (type) {
    case 'run.started':
      return [
        `version ${text(p.version)}`,
        `trigger ${text(p.trigger)}`,
        p.rerunOf ? `rerun of ${text(p.rerunOf)}` : '',
      ]
        .filter(Boolean)
        .join(', ')
    case 'step.running':
      return attempt
    case 'step.waiting':
      return [
        attempt,
        typeof p.signal === 'string' ? `signal ${p.signal}` : '',
        p.until ? `until ${text(p.until)}` : '',
      ]
        .filter(Boolean)
        .join(', ')
    case 'step.retry_scheduled':
      return `${attempt} failed (${errorText}); retry in ${formatDuration(Number(p.delayMs))}`
    case 'step.failed':
      return [attempt, errorText].filter(Boolean).join(': ')
    case 'step.succeeded':
      return [
        attempt,
        typeof p.signal === 'string' ? `resumed by signal ${p.signal}` : '',
        'result' in p ? `result ${text(p.result)}` : '',
      ]
        .filter(Boolean)
        .join(', ')
    case 'step.skipped':
    case 'step.cancelled':
    case 'step.ready':
      return typeof p.reason === 'string' ? p.reason : ''
    case 'step.interrupted':
      return `${attempt} lost its runner${typeof p.leaseOwner === 'string' ? ` (${p.leaseOwner})` : ''}`
    case 'step.awaiting_device':
      return [attempt, text(p.reason)].filter(Boolean).join(': ')
    case 'step.kept':
      return typeof p.from === 'string' ? `output kept from run ${p.from}` : ''
    default:
      return errorText || (Object.keys(p).length > 0 ? JSON.stringify(p) : '')
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

/** A payload field as text: scalars as they are, anything else as JSON. */
function text(value: unknown): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value)
}

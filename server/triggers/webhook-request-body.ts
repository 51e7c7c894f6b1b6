// Reading a webhook's body: JSON content types only, a size cap enforced while streaming, parse
// errors that say where the JSON broke, and the shared JSON guard (nesting, lone surrogates, NUL).
import type { IncomingMessage } from 'node:http'
import { describeJsonProblems, findJsonProblems } from '@/contracts/json-guard'
import { findJsonErrorOffset } from '@/server/workflows/json-error-position'

export const MAX_WEBHOOK_BODY_BYTES = 1_048_576

export type BodyProblem = { status: 400 | 413 | 415; code: string; message: string }

/** `application/json` or a `+json` type, in UTF-8 (the default) when a charset is given. */
export function checkJsonContentType(header: string | undefined): BodyProblem | null {
  const [type = '', ...params] = (header ?? '').split(';').map((part) => part.trim().toLowerCase())
  const isJson = type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type)
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '')
  if (isJson && (charset === undefined || charset === 'utf-8' || charset === 'utf8')) return null
  return {
    status: 415,
    code: 'unsupported_media_type',
    message: header
      ? `The body must be JSON sent with "Content-Type: application/json" (UTF-8), not "${header}".`
      : 'The body must be JSON sent with "Content-Type: application/json"; the request has no Content-Type.',
  }
}

function tooLarge(limit: number): BodyProblem {
  return {
    status: 413,
    code: 'payload_too_large',
    message: `The body is larger than the ${limit}-byte limit (${Math.round(limit / 1024)} KiB); send smaller inputs.`,
  }
}

/** Reads the raw body, refusing it as soon as it passes `limit` bytes (by Content-Length or while streaming). */
export async function readBodyWithLimit(
  req: IncomingMessage,
  limit = MAX_WEBHOOK_BODY_BYTES,
): Promise<{ ok: true; body: Buffer } | { ok: false; problem: BodyProblem }> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return { ok: false, problem: tooLarge(limit) }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) return { ok: false, problem: tooLarge(limit) }
    chunks.push(chunk)
  }
  return { ok: true, body: Buffer.concat(chunks) }
}

/** Parses the body; an empty body means no inputs (`{}`). */
export function parseJsonBody(
  body: Buffer,
): { ok: true; value: unknown } | { ok: false; problem: BodyProblem } {
  const text = body.toString('utf8')
  if (text.trim() === '') return { ok: true, value: {} }
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return {
      ok: false,
      problem: {
        status: 400,
        code: 'malformed_json',
        message: `The body is not valid JSON${where(text)}: ${reason}.`,
      },
    }
  }
  const unsafe = findJsonProblems(value, { path: ['body'] })
  if (unsafe.length > 0)
    return { ok: false, problem: { status: 400, code: 'invalid_body', message: describeJsonProblems(unsafe) } }
  return { ok: true, value }
}

function where(text: string): string {
  const offset = findJsonErrorOffset(text)
  if (offset === undefined) return ''
  const before = text.slice(0, offset).split('\n')
  return ` (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`
}

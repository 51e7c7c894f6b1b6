// Shared pieces of the property-based fuzz tests (fuzz-*.test.ts): malformed-input generators,
// raw tRPC calls over HTTP that keep the status, row counts to prove refused calls wrote nothing,
// and a tally printed at the end so the counts can be quoted.
import fc from 'fast-check'
import { sql } from 'drizzle-orm'
import { expect } from 'vitest'
import type { Database } from '@/db/client'
import { uniqueName } from '@/server/testing/test-api'
import { createSession } from '@/server/auth/session-store'
import { createUser } from '@/server/auth/user-store'

/** Runs per property; FUZZ_RUNS raises it for a longer local session. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1000)

/** JSON a client could send: deep-ish objects and arrays, odd strings, big and negative numbers. */
export const anyJson = fc.jsonValue({ maxDepth: 4 })

/** Values that look nearly right: the wrong type, empty, huge, NUL bytes, prototype keys. */
export const nastyValue = fc.oneof(
  anyJson,
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '__proto__',
    'constructor',
    '../../etc/passwd',
    '{{ secrets.NOPE }}',
    '00000000-0000-0000-0000-000000000000',
    'x'.repeat(10_000),
    -1,
    0,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    true,
    null,
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uuid(),
)

/** `leaf` under `depth` levels of alternating objects and arrays (`{"a":[{"a":[…]}]}`). */
export function deeplyNested(depth: number, leaf: unknown): unknown {
  let value = leaf
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value]
  return value
}

/**
 * Nesting well past the shared JSON guard's 64 levels (issue 15), up to where parsers strain. A
 * counterexample prints as `<N levels deep>`: fast-check's own printer would overflow the stack.
 */
export const deepJson = fc
  .tuple(fc.integer({ min: 65, max: 3000 }), fc.oneof(fc.constant('x'), fc.integer(), fc.constant(null)))
  .map(([depth, leaf]) => {
    const value = deeplyNested(depth, leaf) as object
    Object.defineProperty(value, fc.toStringMethod, { value: () => `<${depth} levels deep, leaf ${String(leaf)}>` })
    return value
  })

/** Text holding UTF-16 surrogate halves without their partner (JSON.stringify writes them as \udXXX). */
export const loneSurrogateText = fc.oneof(
  fc.constantFrom('\ud800', '\udfff', 'a\ud800b', '\udc00\ud83d', 'ok\ud83d'),
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff')).map(([s, half]) => s + half),
)

/** The shapes that gave 500s before the shared JSON guard: deep nesting, lone surrogates in values and keys. */
export const hostileJson = fc.oneof(
  deepJson,
  loneSurrogateText,
  loneSurrogateText.map((text) => ({ [text]: 'value' })),
  loneSurrogateText.map((text) => ({ name: text, nested: [{ text }] })),
)

/** An object with some of `keys` set to hostile values (deep or with lone surrogates). */
export function hostileShaped(keys: readonly string[]) {
  return fc.dictionary(fc.constantFrom(...keys), hostileJson, { minKeys: 1, maxKeys: keys.length })
}

/** An object with some of `keys` set to nasty values, plus maybe a stray key. */
export function nearlyShaped(keys: readonly string[]) {
  return fc
    .tuple(
      fc.dictionary(fc.constantFrom(...keys), nastyValue, { maxKeys: keys.length }),
      fc.option(fc.tuple(fc.string({ maxLength: 12 }), nastyValue)),
    )
    .map(([record, extra]) => (extra ? { ...record, [extra[0]]: extra[1] } : record))
}

export type Tally = Map<string, number>

export function count(tally: Tally, key: string): void {
  tally.set(key, (tally.get(key) ?? 0) + 1)
}

/** Prints `[fuzz] <target>: <n> inputs (<status>: <n>, …)` for the record. */
export function reportTally(target: string, tally: Tally): number {
  const total = [...tally.values()].reduce((a, b) => a + b, 0)
  const parts = [...tally.entries()].sort().map(([k, v]) => `${k}: ${v}`)
  console.log(`[fuzz] ${target}: ${total} inputs (${parts.join(', ')})`)
  return total
}

export async function rowCounts(
  database: Database,
  tables: readonly string[],
): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const table of tables) {
    const [row] = await database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`,
    )
    out[table] = row?.n ?? 0
  }
  return out
}

/** A signed-in admin's cookie: fuzzed calls get past the permission check into validation. */
export async function adminCookie(database: Database): Promise<string> {
  const deps = { db: database.db, clock: { now: () => new Date() } }
  const email = `${uniqueName('fuzz').replace(/\W+/g, '-')}@example.test`
  const user = await createUser(deps, { email, name: 'Fuzz', role: 'admin', password: 'fuzz admin password' })
  return `relayflow_session=${(await createSession(deps, user.id, {})).token}`
}

export type RawReply = {
  status: number
  body: { error?: { json?: TrpcErrorJson } } | undefined
  text: string
}
type TrpcErrorJson = { message?: string; data?: { code?: string; issues?: { message?: string }[] | null } }

/**
 * One HTTP request batching `calls` (tRPC's `?batch=1` format: paths joined by commas, inputs keyed
 * by position), as a GET for queries or a POST for mutations.
 */
export async function rawTrpcBatch(
  base: string,
  cookie: string,
  type: 'query' | 'mutation',
  calls: readonly { path: string; input: unknown }[],
): Promise<RawReply> {
  const paths = calls.map((c) => c.path).join(',')
  const inputs = JSON.stringify(Object.fromEntries(calls.map((c, i) => [i, { json: c.input }])))
  const url = `${base}/api/trpc/${paths}?batch=1`
  const response =
    type === 'query'
      ? await fetch(`${url}&input=${encodeURIComponent(inputs)}`, { headers: { cookie } })
      : await fetch(url, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: inputs })
  const text = await response.text()
  let body: RawReply['body']
  try {
    body = JSON.parse(text) as RawReply['body']
  } catch {
    body = undefined
  }
  return { status: response.status, body, text }
}

/** A tRPC call over HTTP as any client would send it (superjson envelope), keeping the raw reply. */
export async function rawTrpc(
  base: string,
  cookie: string,
  type: 'query' | 'mutation',
  path: string,
  input: unknown,
): Promise<RawReply> {
  const envelope = JSON.stringify({ json: input })
  const response =
    type === 'query'
      ? await fetch(`${base}/api/trpc/${path}?input=${encodeURIComponent(envelope)}`, { headers: { cookie } })
      : await fetch(`${base}/api/trpc/${path}`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: envelope,
        })
  const text = await response.text()
  let body: RawReply['body']
  try {
    body = JSON.parse(text) as RawReply['body']
  } catch {
    body = undefined
  }
  return { status: response.status, body, text }
}

/**
 * No 5xx; a refusal is a 4xx that says what was wrong. Returns the tally key: the status, with
 * `+issues` when the refusal names fields (zod or workflow validation), each with a message.
 */
export function expectCleanRefusal(reply: RawReply, what: string): string {
  expect(reply.status, `${what} → ${reply.text.slice(0, 500)}`).toBeLessThan(500)
  if (reply.status < 400) return String(reply.status)
  // Refused by the HTTP layer before tRPC (e.g. 431: a query string over 16 KiB): plain text.
  if (reply.status === 431) {
    expect(reply.text, `${what}: the HTTP layer says why`).toContain('16 KiB')
    return String(reply.status)
  }
  const error = reply.body?.error?.json
  expect(error?.message, `${what}: a refusal has a message`).toBeTruthy()
  const issues = error?.data?.issues ?? []
  for (const issue of issues) expect(issue.message, what).toBeTruthy()
  return issues.length > 0 ? `${reply.status}+issues` : String(reply.status)
}

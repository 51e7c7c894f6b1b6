// Small SQL fragments for bulk statements: a list travels as one typed array parameter (records
// as one JSON parameter), so a batch of any size is one round trip and the plans stay indexed.
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '@/db/client'

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
/** The database handle or a transaction on it. */
export type Queryable = Db | Tx

/**
 * `$1::uuid[]` for `id = ANY(${uuidArray(ids)})`: a typed array keeps index scans at any table size
 * (a `jsonb_array_elements_text` set is estimated at 100 rows and got sequential scans).
 */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${sql.param([...ids])}::uuid[]`
}

export function textArray(values: readonly string[]): SQL {
  return sql`${sql.param([...values])}::text[]`
}

/** `(SELECT unnest($1::uuid[]))` for `id IN ${uuidList(ids)}`; prefer `= ANY(uuidArray(ids))`. */
export function uuidList(ids: readonly string[]): SQL {
  return sql`(SELECT unnest(${uuidArray(ids)}))`
}

export function textList(values: readonly string[]): SQL {
  return sql`(SELECT unnest(${textArray(values)}))`
}

export function timestamp(date: Date): SQL {
  return sql`${date.toISOString()}::timestamptz`
}

/** drizzle's postgres-js driver leaves timestamps as strings. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value
  return typeof value === 'string' || typeof value === 'number' ? new Date(value) : null
}

export async function rows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = await db.execute(query)
  return result as unknown as T[]
}

// Small SQL fragments for bulk statements: lists and records travel as one JSON parameter,
// so a batch of any size is one round trip.
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '@/db/client'

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
/** The database handle or a transaction on it. */
export type Queryable = Db | Tx

/** `(SELECT uuid ...)` for `id IN ${uuidList(ids)}`. */
export function uuidList(ids: readonly string[]): SQL {
  return sql`(SELECT (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`
}

export function textList(values: readonly string[]): SQL {
  return sql`(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`
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

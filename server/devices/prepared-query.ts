// Hot-path statements (one or more per command) run as named prepared statements on postgres.js, so
// PostgreSQL parses and plans each of them once per connection rather than on every command.
import type { SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type postgres from 'postgres'
import type { Db } from '@/db/client'

const dialect = new PgDialect()

export async function preparedRows<T>(db: Db, query: SQL): Promise<T[]> {
  const { sql, params } = dialect.sqlToQuery(query)
  // drizzle(client) keeps the postgres.js client as $client; the Db alias leaves it out of the type.
  const client = (db as Db & { $client: postgres.Sql }).$client
  const result = await client.unsafe(sql, params as never[], { prepare: true })
  return result as unknown as T[]
}

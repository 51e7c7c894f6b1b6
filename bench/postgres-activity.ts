// What PostgreSQL did for one database between two snapshots: commits and row counts from
// pg_stat_database, and CPU from /proc for the backends serving that database (when PostgreSQL
// runs on this machine) and for all of the postmaster's children (shared with other databases).
import postgres from 'postgres'
import { childrenCpuMs, cpuDeltaMs, parentPid, processCpuMs } from './process-cpu'

type Counters = {
  commits: number
  rollbacks: number
  inserted: number
  updated: number
  deleted: number
  read: number
}

export type ActivitySnapshot = {
  counters: Counters
  /** CPU ms by pid, for this database's backends and for every postmaster child; empty off-machine. */
  databaseBackends: Map<number, number>
  allBackends: Map<number, number>
}

export type ActivityDelta = Counters & {
  /** null when PostgreSQL's processes are not visible in this machine's /proc. */
  databaseCpuMs: number | null
  allBackendsCpuMs: number | null
}

export type PostgresActivity = {
  snapshot: () => Promise<ActivitySnapshot>
  delta: (before: ActivitySnapshot, after: ActivitySnapshot) => ActivityDelta
  /** The statement statistics of this database, when pg_stat_statements is loaded; else why not. */
  statements: StatementStats
  close: () => Promise<void>
}

export type StatementStats = {
  available: () => Promise<true | string>
  reset: () => Promise<void>
  top: (limit: number) => Promise<Record<string, unknown>[]>
}

export async function watchPostgres(url: string): Promise<PostgresActivity> {
  const sql = postgres(url, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: 'relayflow-bench' },
  })
  const [self] = await sql<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`
  const postmaster = self && processCpuMs(self.pid) !== undefined ? parentPid(self.pid) : undefined

  const snapshot = async (): Promise<ActivitySnapshot> => {
    // A fresh view of the shared statistics each time, not the transaction's cached one.
    await sql`SELECT pg_stat_clear_snapshot()`
    const [row] = await sql<Counters[]>`
      SELECT xact_commit::float8 AS commits, xact_rollback::float8 AS rollbacks,
             tup_inserted::float8 AS inserted, tup_updated::float8 AS updated,
             tup_deleted::float8 AS deleted, (tup_returned + tup_fetched)::float8 AS read
      FROM pg_stat_database WHERE datname = current_database()`
    const pids = await sql<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`
    const all = postmaster === undefined ? new Map<number, number>() : childrenCpuMs(postmaster)
    const databaseBackends = new Map<number, number>()
    for (const { pid } of pids) {
      const ms = all.get(pid)
      if (ms !== undefined) databaseBackends.set(pid, ms)
    }
    return {
      counters: row ?? { commits: 0, rollbacks: 0, inserted: 0, updated: 0, deleted: 0, read: 0 },
      databaseBackends,
      allBackends: all,
    }
  }

  const delta = (before: ActivitySnapshot, after: ActivitySnapshot): ActivityDelta => {
    const c = (key: keyof Counters) => after.counters[key] - before.counters[key]
    const visible = postmaster !== undefined
    return {
      commits: c('commits'),
      rollbacks: c('rollbacks'),
      inserted: c('inserted'),
      updated: c('updated'),
      deleted: c('deleted'),
      read: c('read'),
      databaseCpuMs: visible ? cpuDeltaMs(before.databaseBackends, after.databaseBackends) : null,
      allBackendsCpuMs: visible ? cpuDeltaMs(before.allBackends, after.allBackends) : null,
    }
  }

  return { snapshot, delta, statements: statementStats(sql), close: () => sql.end({ timeout: 5 }) }
}

function statementStats(sql: postgres.Sql): StatementStats {
  return {
    available: async () => {
      try {
        await sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`
        await sql`SELECT 1 FROM pg_stat_statements LIMIT 1`
        return true
      } catch (error) {
        return error instanceof Error ? error.message : String(error)
      }
    },
    reset: async () => {
      await sql`SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)`
    },
    top: (limit) => sql`
      SELECT round(total_exec_time::numeric, 1)::float8 AS "totalMs", calls::float8 AS calls,
             round(mean_exec_time::numeric, 3)::float8 AS "meanMs", rows::float8 AS rows,
             (shared_blks_hit + shared_blks_read)::float8 AS blocks, queryid::text AS queryid, left(regexp_replace(query, '\\s+', ' ', 'g'), 400) AS query
      FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY total_exec_time DESC LIMIT ${limit}`,
  }
}

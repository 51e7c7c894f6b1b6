// What every runner system shares: the database, the LISTEN client, clock, logger, configuration,
// the ports it reaches devices and secrets through, and whether the runner is stopping.
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type postgres from 'postgres'
import type { Db } from '@/db/client'
import type { Logger } from '@/server/platform/logger'
import { processDefinitions, type DefinitionCache } from './execution-state'
import type { DeviceDriver, StepSecrets } from './ports'

export interface RunnerOptions {
  db: Db
  /** postgres.js client for LISTEN (a dedicated connection it manages and reconnects). */
  sql: postgres.Sql
  clock: { now: () => Date }
  logger: Logger
  drivers: { devices: DeviceDriver }
  /** Gives command and webhook steps their secrets and redacts results (server/secrets implements it). */
  secrets: StepSecrets
  owner?: string
  maxInFlight?: number
  leaseMs?: number
  pollMs?: number
  /** How often expired leases and run deadlines are checked. */
  sweepMs?: number
  /** How long stop() waits for in-flight steps before releasing their leases. */
  drainMs?: number
  /** Attempts lost to expired leases before the step fails (a step that kills its runner every time). */
  maxInterruptions?: number
  random?: () => number
}

export interface RunnerConfig {
  owner: string
  maxInFlight: number
  leaseMs: number
  pollMs: number
  sweepMs: number
  drainMs: number
  maxInterruptions: number
}

export interface RunnerResources {
  db: Db
  sql: postgres.Sql
  clock: { now: () => Date }
  log: Logger
  config: RunnerConfig
  devices: DeviceDriver
  secrets: StepSecrets
  random: () => number
  /** Compiled run definitions, shared by every batch of this process. */
  definitions: DefinitionCache
  /** Set once stop() begins: nothing new is claimed and the result loop drains. */
  lifecycle: { stopping: boolean }
}

export function createRunnerResources(options: RunnerOptions): RunnerResources {
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const leaseMs = options.leaseMs ?? 30_000
  const config: RunnerConfig = {
    owner,
    maxInFlight: options.maxInFlight ?? 256,
    leaseMs,
    pollMs: options.pollMs ?? 500,
    sweepMs: options.sweepMs ?? Math.min(1000, leaseMs / 2),
    drainMs: options.drainMs ?? 10_000,
    maxInterruptions: options.maxInterruptions ?? 3,
  }
  return {
    db: options.db,
    sql: options.sql,
    clock: options.clock,
    log: options.logger.child({ component: 'runner', owner }),
    config,
    devices: options.drivers.devices,
    secrets: options.secrets,
    random: options.random ?? Math.random,
    definitions: processDefinitions,
    lifecycle: { stopping: false },
  }
}

/** How long a loop waits after its n-th failure in a row (capped at 5 s). */
export function backoffMs(failures: number): number {
  return Math.min(5000, 50 * 2 ** Math.min(failures, 7))
}

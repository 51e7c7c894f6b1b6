// Gauges read from Postgres on every scrape: runs and the ready queue, the device fleet, and the
// database connections. Each family registers its gauges and returns how it sets them from one read.
import client from 'prom-client'
import type { Db } from '@/db/client'
import type { SystemState } from './system-state-queries'

type SetFromState = (state: SystemState) => void

export function createSystemStateGauges(registers: client.Registry[], db: Db): SetFromState {
  const families = [runQueueGauges(registers), deviceGauges(registers), databaseGauges(registers, db)]
  return (state) => {
    for (const set of families) set(state)
  }
}

function runQueueGauges(registers: client.Registry[]): SetFromState {
  const runsActive = new client.Gauge({
    name: 'relayflow_runs',
    help: 'Runs not yet finished, by status (running, queued)',
    labelNames: ['status'],
    registers,
  })
  const queueDepth = new client.Gauge({
    name: 'relayflow_ready_queue_depth',
    help: 'Ready steps that are due now and not yet claimed by a runner',
    registers,
  })
  const scheduledSteps = new client.Gauge({
    name: 'relayflow_scheduled_steps',
    help: 'Ready steps due in the future (retry backoff)',
    registers,
  })
  const leaseReclaims = new client.Counter({
    name: 'relayflow_lease_reclaims_total',
    help: 'Step leases that expired and were reclaimed by another runner (step.interrupted events, all time)',
    registers,
  })
  let reclaimsCounted = 0
  return (state) => {
    runsActive.set({ status: 'running' }, state.runsRunning)
    runsActive.set({ status: 'queued' }, state.runsQueued)
    queueDepth.set(state.queueDepth)
    scheduledSteps.set(state.scheduledSteps)
    // The counter mirrors the all-time count in the database, so every node reports the same value.
    if (state.leaseReclaimsTotal > reclaimsCounted) leaseReclaims.inc(state.leaseReclaimsTotal - reclaimsCounted)
    reclaimsCounted = Math.max(reclaimsCounted, state.leaseReclaimsTotal)
  }
}

function deviceGauges(registers: client.Registry[]): SetFromState {
  const devices = new client.Gauge({
    name: 'relayflow_devices',
    help: 'Registered, unrevoked devices by status',
    labelNames: ['status'],
    registers,
  })
  const deviceUtilization = new client.Gauge({
    name: 'relayflow_device_utilization_ratio',
    help: 'Running commands over the summed max concurrency of online, non-draining devices',
    registers,
  })
  const deviceSlots = new client.Gauge({
    name: 'relayflow_device_slots',
    help: 'Summed max concurrency (slots) and load of online, non-draining devices',
    labelNames: ['kind'],
    registers,
  })
  return (state) => {
    devices.reset()
    for (const status of ['online', 'busy', 'offline', 'draining']) devices.set({ status }, 0)
    for (const [status, n] of Object.entries(state.devicesByStatus)) devices.set({ status }, n)
    if (state.deviceUtilization === null) deviceUtilization.reset()
    else deviceUtilization.set(state.deviceUtilization)
    deviceSlots.set({ kind: 'slots' }, state.deviceSlots)
    deviceSlots.set({ kind: 'load' }, state.deviceLoad)
  }
}

function databaseGauges(registers: client.Registry[], db: Db): SetFromState {
  const dbConnections = new client.Gauge({
    name: 'relayflow_db_connections',
    help: 'Connections to this database by state (pg_stat_activity, all Relayflow processes)',
    labelNames: ['state'],
    registers,
  })
  const dbPoolMax = new client.Gauge({
    name: 'relayflow_db_pool_max',
    help: 'Maximum connections of this process’ pool',
    registers,
  })
  return (state) => {
    dbConnections.reset()
    for (const [s, n] of Object.entries(state.dbConnectionsByState)) dbConnections.set({ state: s }, n)
    const poolMax = (db as unknown as { $client?: { options?: { max?: number } } }).$client?.options?.max
    if (typeof poolMax === 'number') dbPoolMax.set(poolMax)
  }
}

// Runs in flight, queue depth, step latency percentiles over 5 and 60 minutes, failure rates,
// device utilization and the alerts pending or firing now.
import { readDb } from '@/server/platform/deps'
import { readMonitoringSnapshot } from '@/server/metrics/monitoring-snapshot'
import { publicProcedure } from '../../trpc'
import { ZGetMonitoringSnapshotInput, ZGetMonitoringSnapshotOutput } from './get-monitoring-snapshot.types'

export const getMonitoringSnapshotProcedure = publicProcedure
  .input(ZGetMonitoringSnapshotInput)
  .output(ZGetMonitoringSnapshotOutput)
  .query(({ ctx }) => readMonitoringSnapshot(readDb(ctx), ctx.clock.now()))

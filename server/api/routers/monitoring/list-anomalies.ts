// Steps and devices deviating from their robust baselines (median + MAD; failure rates against
// peers or history), each with a sentence explaining it; optionally only those about one device
// (the device page) or one run (the run view).
import { readDb } from '@/server/platform/deps'
import { findAnomalies } from '@/server/metrics/find-anomalies'
import { findDeviceAnomalies, findRunAnomalies } from '@/server/metrics/run-anomalies'
import { publicProcedure } from '../../trpc'
import { ZListAnomaliesInput, ZListAnomaliesOutput } from './list-anomalies.types'

export const listAnomaliesProcedure = publicProcedure
  .input(ZListAnomaliesInput)
  .output(ZListAnomaliesOutput)
  .query(async ({ ctx, input }) => {
    const { deviceId, executionId, ...query } = input
    const db = readDb(ctx)
    const now = ctx.clock.now()
    if (executionId) {
      const found = await findRunAnomalies(db, now, executionId, query)
      return deviceId ? found.filter((a) => a.subject.kind === 'device' && a.subject.key === deviceId) : found
    }
    return deviceId ? findDeviceAnomalies(db, now, deviceId, query) : findAnomalies(db, now, query)
  })

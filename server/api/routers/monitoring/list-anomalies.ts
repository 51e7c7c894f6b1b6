// Steps and devices deviating from their robust baselines (median + MAD; failure rates against
// peers or history), each with a sentence explaining it.
import { findAnomalies } from '@/server/metrics/find-anomalies'
import { publicProcedure } from '../../trpc'
import { ZListAnomaliesInput, ZListAnomaliesOutput } from './list-anomalies.types'

export const listAnomaliesProcedure = publicProcedure
  .input(ZListAnomaliesInput)
  .output(ZListAnomaliesOutput)
  .query(async ({ ctx, input }) => {
    const found = await findAnomalies(ctx.db, ctx.clock.now(), input)
    return input.deviceId
      ? found.filter((a) => a.subject.kind === 'device' && a.subject.key === input.deviceId)
      : found
  })

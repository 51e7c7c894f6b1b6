// `runs.wait`: a long poll that answers at the commit that ends the run (or when the time is up),
// so the CLI's `--wait` and scripts need no polling loop of their own.
import { waitForRunOutcome } from '@/server/triggers/run-outcome'
import { publicProcedure } from '../../trpc'
import { ZWaitForRunInput, ZWaitForRunOutput } from './wait-for-run.types'

export const waitForRunProcedure = publicProcedure
  .input(ZWaitForRunInput)
  .output(ZWaitForRunOutput)
  .query(async ({ ctx, input, signal }) => {
    const waited = await waitForRunOutcome(ctx.db, input.id, {
      timeoutMs: input.timeoutMs,
      signals: ctx.runEnds,
      ...(signal ? { signal } : {}),
    })
    return waited.ended
      ? { id: input.id, status: waited.outcome.status, ended: true }
      : { id: input.id, status: waited.status, ended: false }
  })

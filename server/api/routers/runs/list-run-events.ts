import { listRunEvents } from '@/server/runner/run-queries'
import { publicProcedure } from '../../trpc'
import { ZListRunEventsInput, ZListRunEventsOutput } from './list-run-events.types'

export const listRunEventsProcedure = publicProcedure
  .input(ZListRunEventsInput)
  .output(ZListRunEventsOutput)
  .query(({ ctx, input }) => listRunEvents(ctx.db, input))

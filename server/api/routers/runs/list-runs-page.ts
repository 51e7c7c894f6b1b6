// Runs newest first with filters (status, workflow, trigger, device, time range), paged by keyset on
// (created_at, id) rather than OFFSET; the query is the runner's runs list (server/runner/run-list.ts).
import { listRunsPage } from '@/server/runner/run-list'
import { publicProcedure } from '../../trpc'
import { ZListRunsPageInput, ZListRunsPageOutput } from './list-runs-page.types'

export const listRunsPageProcedure = publicProcedure
  .input(ZListRunsPageInput)
  .output(ZListRunsPageOutput)
  .query(({ ctx, input }) => listRunsPage(ctx.db, input))

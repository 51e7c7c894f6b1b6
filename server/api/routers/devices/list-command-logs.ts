import { listCommandLogs } from '@/server/devices/fleet/device-queries'
import { publicProcedure } from '../../trpc'
import { ZListCommandLogsInput, ZListCommandLogsOutput } from './list-command-logs.types'

/** A command's log lines in order, from `afterId` on (for following a running command). */
export const listCommandLogsProcedure = publicProcedure
  .input(ZListCommandLogsInput)
  .output(ZListCommandLogsOutput)
  .query(async ({ ctx, input }) => ({ items: await listCommandLogs(ctx.db, input) }))

import { listAuditEvents } from '@/server/auth/audit-log'
import { publicProcedure } from '../../trpc'
import { ZListAuditEventsInput, ZListAuditEventsOutput } from './list-audit-events.types'

/** Newest first, filtered; admins only. */
export const listAuditEventsProcedure = publicProcedure
  .input(ZListAuditEventsInput)
  .output(ZListAuditEventsOutput)
  .query(({ ctx, input }) => listAuditEvents(ctx.db, input))

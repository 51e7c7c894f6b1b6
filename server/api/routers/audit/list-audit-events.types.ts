import { z } from 'zod'

export const ZListAuditEventsInput = z.object({
  /** Exact action (`workflows.create`) or a prefix ending in `*` (`workflows.*`). */
  action: z.string().trim().max(120).optional(),
  actorId: z.string().max(64).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  targetId: z.string().max(200).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  beforeId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
})

export const ZAuditEvent = z.object({
  id: z.number(),
  at: z.date(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.unknown(),
  /** Refusals of one caller for one reason within a minute are one row; how many it stands for. */
  repeatCount: z.number(),
  lastAt: z.date().nullable(),
})

export const ZListAuditEventsOutput = z.object({
  events: z.array(ZAuditEvent),
  /** Pass as beforeId for the next (older) page; null on the last page. */
  nextBeforeId: z.number().nullable(),
})

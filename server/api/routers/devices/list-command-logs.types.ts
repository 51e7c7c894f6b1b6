import { z } from 'zod'

export const ZListCommandLogsInput = z.object({
  commandId: z.string().min(1).max(200),
  afterId: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(500),
})

export const ZListCommandLogsOutput = z.object({
  items: z.array(
    z.object({ id: z.number().int(), stream: z.string(), line: z.string(), createdAt: z.date() }),
  ),
})

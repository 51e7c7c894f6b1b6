import { z } from 'zod'

export const ZListTemplatesInput = z
  .object({
    search: z.string().max(200, 'search must be at most 200 characters').optional(),
    category: z.string().max(60).optional(),
  })
  .default({})

import { z } from 'zod'

export const ZListWorkflowsInput = z
  .object({
    search: z.string().max(200, 'search must be at most 200 characters').optional(),
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(100, 'pageSize must be at most 100').default(25),
    sort: z.enum(['updated', 'name', 'created']).default('updated'),
    includeArchived: z.boolean().default(false),
  })
  .default({ page: 1, pageSize: 25, sort: 'updated', includeArchived: false })

export const ZWorkflowSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  latestVersion: z.number().int(),
  stepCount: z.number().int(),
  archived: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
})

export const ZListWorkflowsOutput = z.object({
  items: z.array(ZWorkflowSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
})

import { z } from 'zod'
import { ZWorkflowId } from '../shared.types'

export const ZArchiveWorkflowInput = z.object({ id: ZWorkflowId, archived: z.boolean().default(true) })
export const ZArchiveWorkflowOutput = z.object({ id: z.string(), archived: z.boolean() })

import { z } from 'zod'
import { ZWorkflowId } from '../shared.types'

export const ZDeleteWorkflowInput = z.object({ id: ZWorkflowId })
export const ZDeleteWorkflowOutput = z.object({ id: z.string(), deleted: z.literal(true) })

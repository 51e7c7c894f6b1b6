import { z } from 'zod'
import { ZVersionNumber, ZWorkflowId } from '../shared.types'

export const ZExportWorkflowInput = z.object({ id: ZWorkflowId, version: ZVersionNumber.optional() })
export const ZExportWorkflowOutput = z.object({ filename: z.string(), json: z.string() })

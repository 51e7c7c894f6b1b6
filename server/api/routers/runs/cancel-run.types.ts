import { z } from 'zod'
import { ZRunId } from './run.types'

export const ZCancelRunInput = z.object({ id: ZRunId })
export const ZCancelRunOutput = z.object({ id: z.string(), status: z.literal('cancelled') })

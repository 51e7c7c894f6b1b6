import { z } from 'zod'
import { ZWorkflowId } from '../shared.types'
import { ZSchedule } from './schedule.types'

export const ZListSchedulesInput = z.object({ workflowId: ZWorkflowId })
export const ZListSchedulesOutput = z.object({ items: z.array(ZSchedule) })

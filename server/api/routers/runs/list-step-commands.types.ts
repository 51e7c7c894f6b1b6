import { z } from 'zod'
import { ZRunId } from './run.types'

export const ZListStepCommandsInput = z.object({ id: ZRunId, stepId: z.string().min(1).max(200) })

/** One device command of a step: an attempt of a command step, or one branch of a parallel step. */
export const ZStepCommand = z.object({
  commandId: z.string(),
  attempt: z.number().int().nullable(),
  /** The parallel branch key (item index or device id), when the command is a branch. */
  branch: z.string().nullable(),
  deviceId: z.string(),
  action: z.string(),
  status: z.string(),
  error: z.unknown(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
})

export const ZListStepCommandsOutput = z.object({
  commands: z.array(ZStepCommand),
  /** More commands exist than were returned (the list is capped). */
  truncated: z.boolean(),
})

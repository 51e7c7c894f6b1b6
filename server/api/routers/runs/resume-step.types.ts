import { z } from 'zod'
import { ZIdentifier } from '@/server/engine/identifier'
import { ZJsonValue } from '@/server/engine/json-value'
import { ZRunId } from './run.types'

export const MAX_RESUME_PAYLOAD_CHARS = 64 * 1024

export const ZResumeStepInput = z.object({
  id: ZRunId,
  stepId: z.string().min(1),
  /** When given, must match the signal the step waits for. */
  signal: ZIdentifier.optional(),
  payload: ZJsonValue.optional().refine(
    (v) => v === undefined || JSON.stringify(v).length <= MAX_RESUME_PAYLOAD_CHARS,
    {
      message: `payload must be at most ${MAX_RESUME_PAYLOAD_CHARS} characters of JSON`,
    },
  ),
})
export const ZResumeStepOutput = z.object({ id: z.string(), stepId: z.string() })

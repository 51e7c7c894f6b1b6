import { z } from 'zod'
import { ZApiToken } from './api-token.types'

export const ZListApiTokensInput = z
  .object({ /** Admins: everyone's tokens, not only their own. */ all: z.boolean().default(false) })
  .default({ all: false })
export const ZListApiTokensOutput = z.array(ZApiToken)

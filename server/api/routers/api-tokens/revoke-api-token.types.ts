import { z } from 'zod'
import { ZApiToken } from './api-token.types'

export const ZRevokeApiTokenInput = z.object({ id: z.uuid({ error: 'token id must be a UUID' }) })
export const ZRevokeApiTokenOutput = ZApiToken

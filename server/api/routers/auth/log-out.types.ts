import { z } from 'zod'

export const ZLogOutOutput = z.object({ loggedOut: z.boolean() })

import { z } from 'zod'
import { ZUser } from './user.types'

export const ZListUsersOutput = z.array(ZUser)

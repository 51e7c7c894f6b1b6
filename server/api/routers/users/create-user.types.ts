import { z } from 'zod'
import { ZRole } from '@/server/auth/roles'
import { ZEmail, ZPassword, ZUserName } from '@/server/auth/user-store'
import { ZUser } from './user.types'

export const ZCreateUserInput = z.object({ email: ZEmail, name: ZUserName, role: ZRole, password: ZPassword })
export const ZCreateUserOutput = ZUser

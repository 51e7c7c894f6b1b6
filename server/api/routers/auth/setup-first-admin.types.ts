import { z } from 'zod'
import { ZEmail, ZPassword, ZUserName } from '@/server/auth/user-store'
import { ZSignedInUser } from './auth.types'

export const ZSetupFirstAdminInput = z.object({ email: ZEmail, name: ZUserName, password: ZPassword })
export const ZSetupFirstAdminOutput = z.object({ user: ZSignedInUser })

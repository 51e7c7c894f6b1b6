import { listUsers } from '@/server/auth/user-store'
import { publicProcedure } from '../../trpc'
import { ZListUsersOutput } from './list-users.types'

export const listUsersProcedure = publicProcedure
  .output(ZListUsersOutput)
  .query(({ ctx }) => listUsers(ctx.db))

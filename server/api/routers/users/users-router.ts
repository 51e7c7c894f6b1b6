// Account administration (admins only, per server/auth/permissions.ts).
import { router } from '../../trpc'
import { createUserProcedure } from './create-user'
import { deleteUserProcedure } from './delete-user'
import { listUsersProcedure } from './list-users'
import { resetPasswordProcedure } from './reset-password'
import { updateUserProcedure } from './update-user'

export const usersRouter = router({
  list: listUsersProcedure,
  create: createUserProcedure,
  update: updateUserProcedure,
  resetPassword: resetPasswordProcedure,
  delete: deleteUserProcedure,
})

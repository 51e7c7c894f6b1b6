// Accounts for the current caller: `auth.status`, `auth.setup`, `auth.login`, `auth.logout`.
import { router } from '../../trpc'
import { getAuthStatusProcedure } from './get-auth-status'
import { logInProcedure } from './log-in'
import { logOutProcedure } from './log-out'
import { setupFirstAdminProcedure } from './setup-first-admin'

export const authRouter = router({
  status: getAuthStatusProcedure,
  setup: setupFirstAdminProcedure,
  login: logInProcedure,
  logout: logOutProcedure,
})

import { router } from '../../trpc'
import { getVersionProcedure } from './get-version'
import { listVersionsProcedure } from './list-versions'
import { restoreVersionProcedure } from './restore-version'

export const versionsRouter = router({
  list: listVersionsProcedure,
  get: getVersionProcedure,
  restore: restoreVersionProcedure,
})

// The secrets store: `secrets.list` (names only), `.create`, `.rotate`, `.delete`.
import { router } from '../../trpc'
import { createSecretProcedure } from './create-secret'
import { deleteSecretProcedure } from './delete-secret'
import { listSecretsProcedure } from './list-secrets'
import { rotateSecretProcedure } from './rotate-secret'

export const secretsRouter = router({
  list: listSecretsProcedure,
  create: createSecretProcedure,
  rotate: rotateSecretProcedure,
  delete: deleteSecretProcedure,
})

import { restoreVersion } from '@/server/workflows/workflow-lifecycle'
import { publicProcedure } from '../../trpc'
import { ZSavedVersion } from '../shared.types'
import { ZRestoreVersionInput } from './restore-version.types'

export const restoreVersionProcedure = publicProcedure
  .input(ZRestoreVersionInput)
  .output(ZSavedVersion)
  .mutation(({ ctx, input }) => restoreVersion(ctx, input))

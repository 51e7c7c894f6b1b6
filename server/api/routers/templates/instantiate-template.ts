import { instantiateTemplateAsWorkflow } from '@/server/templates/template-store'
import { publicProcedure } from '../../trpc'
import { ZSavedVersion } from '../shared.types'
import { ZInstantiateTemplateInput } from './instantiate-template.types'

export const instantiateTemplateProcedure = publicProcedure
  .input(ZInstantiateTemplateInput)
  .output(ZSavedVersion)
  .mutation(({ ctx, input }) => instantiateTemplateAsWorkflow(ctx, input))

import { getTemplate } from '@/server/templates/template-store'
import { publicProcedure } from '../../trpc'
import { ZGetTemplateInput } from './get-template.types'
import { ZTemplateOutput } from './template.types'

export const getTemplateProcedure = publicProcedure
  .input(ZGetTemplateInput)
  .output(ZTemplateOutput)
  .query(({ ctx, input }) => getTemplate(ctx.db, input.id))

import { listTemplates } from '@/server/templates/template-store'
import { publicProcedure } from '../../trpc'
import { ZListTemplatesInput } from './list-templates.types'
import { ZTemplateOutput } from './template.types'

export const listTemplatesProcedure = publicProcedure
  .input(ZListTemplatesInput)
  .output(ZTemplateOutput.array())
  .query(({ ctx, input }) => listTemplates(ctx.db, input))

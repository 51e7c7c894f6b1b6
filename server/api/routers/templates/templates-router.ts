import { router } from '../../trpc'
import { createTemplateFromWorkflowProcedure } from './create-template-from-workflow'
import { getTemplateProcedure } from './get-template'
import { instantiateTemplateProcedure } from './instantiate-template'
import { listTemplatesProcedure } from './list-templates'

export const templatesRouter = router({
  list: listTemplatesProcedure,
  get: getTemplateProcedure,
  createFromWorkflow: createTemplateFromWorkflowProcedure,
  instantiate: instantiateTemplateProcedure,
})

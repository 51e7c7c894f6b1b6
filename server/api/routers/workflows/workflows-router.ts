import { router } from '../../trpc'
import { archiveWorkflowProcedure } from './archive-workflow'
import { createWorkflowProcedure } from './create-workflow'
import { deleteWorkflowProcedure } from './delete-workflow'
import { duplicateWorkflowProcedure } from './duplicate-workflow'
import { exportWorkflowProcedure } from './export-workflow'
import { getWorkflowProcedure } from './get-workflow'
import { importWorkflowProcedure } from './import-workflow'
import { listWorkflowsProcedure } from './list-workflows'
import { updateWorkflowProcedure } from './update-workflow'
import { validateWorkflowProcedure } from './validate-workflow'

export const workflowsRouter = router({
  list: listWorkflowsProcedure,
  get: getWorkflowProcedure,
  create: createWorkflowProcedure,
  update: updateWorkflowProcedure,
  archive: archiveWorkflowProcedure,
  delete: deleteWorkflowProcedure,
  duplicate: duplicateWorkflowProcedure,
  validate: validateWorkflowProcedure,
  import: importWorkflowProcedure,
  export: exportWorkflowProcedure,
})

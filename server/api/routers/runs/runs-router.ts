import { router } from '../../trpc'
import { cancelRunProcedure } from './cancel-run'
import { getRunProcedure } from './get-run'
import { getRunStatusesProcedure } from './get-run-statuses'
import { listRunEventsProcedure } from './list-run-events'
import { listRunsProcedure } from './list-runs'
import { listRunsPageProcedure } from './list-runs-page'
import { listStepCommandsProcedure } from './list-step-commands'
import { listStepLogsProcedure } from './list-step-logs'
import { rerunRunProcedure } from './rerun-run'
import { resumeStepProcedure } from './resume-step'
import { startRunProcedure } from './start-run'
import { summarizeWorkflowRunsProcedure } from './summarize-workflow-runs'
import { testStepProcedure } from './test-step'
import { waitForRunProcedure } from './wait-for-run'

export const runsRouter = router({
  start: startRunProcedure,
  get: getRunProcedure,
  list: listRunsProcedure,
  events: listRunEventsProcedure,
  cancel: cancelRunProcedure,
  resume: resumeStepProcedure,
  rerun: rerunRunProcedure,
  testStep: testStepProcedure,
  statuses: getRunStatusesProcedure,
  workflowSummary: summarizeWorkflowRunsProcedure,
  page: listRunsPageProcedure,
  stepCommands: listStepCommandsProcedure,
  stepLogs: listStepLogsProcedure,
  wait: waitForRunProcedure,
})

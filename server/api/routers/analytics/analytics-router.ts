import { router } from '../../trpc'
import { getDeviceLeaderboardProcedure } from './get-device-leaderboard'
import { getRunTrendProcedure } from './get-run-trend'
import { getStepReportProcedure } from './get-step-report'
import { getUsageProcedure } from './get-usage'
import { getWorkflowDurationsProcedure } from './get-workflow-durations'
import { listFailingWorkflowsProcedure } from './list-failing-workflows'
import { listSuggestionsProcedure } from './list-suggestions'

export const analyticsRouter = router({
  runTrend: getRunTrendProcedure,
  usage: getUsageProcedure,
  workflowDurations: getWorkflowDurationsProcedure,
  steps: getStepReportProcedure,
  devices: getDeviceLeaderboardProcedure,
  suggestions: listSuggestionsProcedure,
  failingWorkflows: listFailingWorkflowsProcedure,
})

import { router } from '../../trpc'
import { analyzeWorkflowProcedure } from './analyze-workflow'
import { createAlertRuleProcedure } from './create-alert-rule'
import { deleteAlertRuleProcedure } from './delete-alert-rule'
import { getMonitoringSeriesProcedure } from './get-monitoring-series'
import { getMonitoringSnapshotProcedure } from './get-monitoring-snapshot'
import { listAlertHistoryProcedure } from './list-alert-history'
import { listAlertRulesProcedure } from './list-alert-rules'
import { listAnomaliesProcedure } from './list-anomalies'
import { updateAlertRuleProcedure } from './update-alert-rule'

export const monitoringRouter = router({
  snapshot: getMonitoringSnapshotProcedure,
  series: getMonitoringSeriesProcedure,
  rules: listAlertRulesProcedure,
  createRule: createAlertRuleProcedure,
  updateRule: updateAlertRuleProcedure,
  deleteRule: deleteAlertRuleProcedure,
  alertHistory: listAlertHistoryProcedure,
  anomalies: listAnomaliesProcedure,
  analyzeWorkflow: analyzeWorkflowProcedure,
})

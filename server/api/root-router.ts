// The whole API: one router per area, one procedure per file below it.
import { analyticsRouter } from './routers/analytics/analytics-router'
import { apiTokensRouter } from './routers/api-tokens/api-tokens-router'
import { auditRouter } from './routers/audit/audit-router'
import { authRouter } from './routers/auth/auth-router'
import { devicesRouter } from './routers/devices/devices-router'
import { monitoringRouter } from './routers/monitoring/monitoring-router'
import { runsRouter } from './routers/runs/runs-router'
import { secretsRouter } from './routers/secrets/secrets-router'
import { templatesRouter } from './routers/templates/templates-router'
import { triggersRouter } from './routers/triggers/triggers-router'
import { usersRouter } from './routers/users/users-router'
import { versionsRouter } from './routers/versions/versions-router'
import { workflowsRouter } from './routers/workflows/workflows-router'
import { createCallerFactory, router } from './trpc'

export const appRouter = router({
  workflows: workflowsRouter,
  versions: versionsRouter,
  templates: templatesRouter,
  runs: runsRouter,
  triggers: triggersRouter,
  devices: devicesRouter,
  monitoring: monitoringRouter,
  analytics: analyticsRouter,
  auth: authRouter,
  users: usersRouter,
  apiTokens: apiTokensRouter,
  secrets: secretsRouter,
  audit: auditRouter,
})

export type AppRouter = typeof appRouter
export const createApiCaller = createCallerFactory(appRouter)

// The whole API: one router per area, one procedure per file below it.
import { runsRouter } from './routers/runs/runs-router'
import { templatesRouter } from './routers/templates/templates-router'
import { versionsRouter } from './routers/versions/versions-router'
import { workflowsRouter } from './routers/workflows/workflows-router'
import { createCallerFactory, router } from './trpc'

export const appRouter = router({
  workflows: workflowsRouter,
  versions: versionsRouter,
  templates: templatesRouter,
  runs: runsRouter,
})

export type AppRouter = typeof appRouter
export const createApiCaller = createCallerFactory(appRouter)

// The built-in templates seeded into every installation. Their content is data, one JSON file
// per template in ./builtin, validated against the template schema when this module loads, so a
// broken file fails at start rather than when someone picks it; each instantiates to a valid
// workflow with its defaults (pinned by workflow-template.test.ts). The fail steps closing the
// rolling restart and the health check keep a run that a handler reported on failed, so it never
// reads as a success.
import { ZWorkflowTemplate, type TWorkflowTemplate } from '@/server/engine/workflow-template'
import healthCheckAlert from './builtin/health-check-alert.json' with { type: 'json' }
import nightlyDataCollection from './builtin/nightly-data-collection.json' with { type: 'json' }
import rollingRestart from './builtin/rolling-restart.json' with { type: 'json' }

/** In the order the template gallery lists them. */
const files: Record<string, unknown> = {
  'rolling-restart.json': rollingRestart,
  'health-check-alert.json': healthCheckAlert,
  'nightly-data-collection.json': nightlyDataCollection,
}

function parseBuiltin(file: string, content: unknown): TWorkflowTemplate {
  const parsed = ZWorkflowTemplate.safeParse(content)
  if (!parsed.success) throw new Error(`Built-in template ${file} is invalid: ${parsed.error.message}`)
  return parsed.data
}

export const builtinTemplates: readonly TWorkflowTemplate[] = Object.entries(files).map(([file, content]) =>
  parseBuiltin(file, content),
)

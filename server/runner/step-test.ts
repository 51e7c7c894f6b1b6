// Testing one step from the editor: a real run of kind 'test' on the saved version or the editor's
// unsaved document, where only that step executes and its upstream steps are kept with the outputs given.
import { WorkflowError } from '@/server/engine/errors'
import { planStepTest } from '@/server/engine/run/step-test-plan'
import { ZWorkflowDefinition, type TWorkflowDefinition } from '@/server/engine/workflow-schema'
import type { Tx } from '@/server/platform/sql-helpers'
import { requireValidWorkflow } from '@/server/workflows/workflow-store'
import { getWorkflowVersion } from '@/server/workflows/workflow-versions'
import { createExecution } from './execution-creation'
import { requireValidInputs, type RunDeps } from './run-store'

export interface StepTestInput {
  workflowId: string
  version?: number | undefined
  /** The editor's unsaved document; default: the version's own definition. */
  document?: unknown
  stepId: string
  inputs?: unknown
  upstream?: Readonly<Record<string, unknown>> | undefined
  deviceId?: string | undefined
  /** Refuses the test before anything is written (the device pre-flight), given the tested step alone. */
  preflight?: (definition: TWorkflowDefinition, tx: Tx) => Promise<void>
}

function parseDocument(document: unknown): TWorkflowDefinition {
  const parsed = ZWorkflowDefinition.safeParse(document)
  if (parsed.success) return parsed.data
  requireValidWorkflow(document)
  throw new WorkflowError('invalid_workflow', 'The workflow document is not valid; fix it and test again.')
}

/** Starts the test run and returns its id; the caller follows it like any run (execution:<id>). */
export async function startStepTest(deps: RunDeps, input: StepTestInput): Promise<{ executionId: string }> {
  const executionId = await deps.db.transaction(async (tx) => {
    const found = await getWorkflowVersion(tx, input.workflowId, input.version)
    const whole = input.document === undefined ? found.definition : parseDocument(input.document)
    const plan = planStepTest(whole, { stepId: input.stepId, upstream: input.upstream ?? {}, deviceId: input.deviceId })
    // Only what the test runs must be valid: problems elsewhere in an unsaved document do not block it.
    const definition = requireValidWorkflow(plan.definition).workflow
    const inputs = requireValidInputs(definition, input.inputs)
    const tested = definition.steps.filter((step) => step.id === input.stepId)
    await input.preflight?.({ ...definition, steps: tested }, tx)
    return createExecution(tx, deps.clock.now(), {
      definition,
      workflowId: input.workflowId,
      version: found.version,
      inputs,
      trigger: 'test',
      kept: plan.kept,
      kind: 'test',
    })
  })
  return { executionId }
}

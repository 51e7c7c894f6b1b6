// Pre-flight at run start (runs.start, webhooks, schedules): a run whose command or parallel step
// has a static target no registered, non-revoked device can satisfy is refused before it exists,
// naming the step and what is missing. The rule is the engine's checkPlacement; this reads the fleet.
import { sql } from 'drizzle-orm'
import { WorkflowError } from '@/server/engine/errors'
import { checkPlacement, staticPlacementNeeds, type FleetDevice } from '@/server/engine/placement'
import type { TWorkflowDefinition } from '@/server/engine/workflow-schema'
import { rows, type Queryable } from '@/server/platform/sql-helpers'
import { calledWorkflowSteps } from '@/server/workflows/workflow-calls'

/** Every registered, non-revoked device; `online` means connected and not draining. */
export async function loadFleet(db: Queryable): Promise<FleetDevice[]> {
  const found = await rows<{ id: string; tags: string[]; capabilities: string[]; online: boolean }>(
    db,
    sql`SELECT id, tags, capabilities, (status <> 'offline' AND NOT draining) AS online
        FROM devices WHERE revoked_at IS NULL`,
  )
  return found.map((d) => ({ id: d.id, tags: d.tags, capabilities: d.capabilities, online: d.online }))
}

/** Throws `no_capable_device` (with one issue per step) when the fleet cannot run the workflow. */
export async function assertRunPlaceable(db: Queryable, definition: TWorkflowDefinition): Promise<void> {
  // Child runs' steps too: a workflow step's child would otherwise fail later, mid-run.
  const steps = [...definition.steps, ...(await calledWorkflowSteps(db, definition))]
  // No query for workflows that need no device or whose targets are all built from run data.
  if (staticPlacementNeeds(steps).length === 0) return
  const issues = checkPlacement(steps, await loadFleet(db))
  if (issues.length === 0) return
  const lines = issues.map((i) => `step "${i.stepId ?? '?'}": ${i.message}`)
  const headline =
    issues.length === 1
      ? `The run was not started: ${lines[0] ?? ''}`
      : `The run was not started: ${issues.length} steps have no device to run on. ${lines.join(' ')}`
  throw new WorkflowError(
    'no_capable_device',
    `${headline} Connect a device with that action and tags (Devices page), or change the step's target.`,
    { issues },
  )
}

// The latest definition and name of each workflow a report mentions, read once per report so step
// ids can be shown with their names and types and suggestions can read the graph.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import type { SuggestionStep } from '@/server/statistics/monitoring/workflow-suggestions'
import { rows, uuidArray } from '@/server/platform/sql-helpers'

export interface LatestDefinition {
  workflowId: string
  name: string
  definition: { steps: SuggestionStep[]; retryPolicy?: { maxAttempts?: number } }
}

export async function readLatestDefinitions(
  db: Db,
  workflowIds: readonly (string | null)[],
): Promise<Map<string, LatestDefinition>> {
  const ids = [...new Set(workflowIds.filter((id): id is string => id !== null))]
  if (ids.length === 0) return new Map()
  const found = await rows<{ id: string; name: string; definition: LatestDefinition['definition'] | null }>(
    db,
    sql`SELECT w.id, w.name, v.definition FROM workflows w
        LEFT JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.latest_version
        WHERE w.id = ANY(${uuidArray(ids)})`,
  )
  return new Map(
    found.map((r) => [
      r.id,
      { workflowId: r.id, name: r.name, definition: { ...r.definition, steps: r.definition?.steps ?? [] } },
    ]),
  )
}

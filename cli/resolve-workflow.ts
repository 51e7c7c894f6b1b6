// Finds the workflow a person means: by id, or by its exact name (then case-insensitively).
import type { ApiClient } from './api-client'
import { CliError, EXIT_FAILED } from './cli-errors'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export type WorkflowRef = { id: string; name: string; latestVersion: number }

export async function resolveWorkflow(api: ApiClient, idOrName: string): Promise<WorkflowRef> {
  if (UUID.test(idOrName)) {
    const found = await api.workflows.get.query({ id: idOrName })
    return { id: found.id, name: found.name, latestVersion: found.latestVersion }
  }
  const { items } = await api.workflows.list.query({ search: idOrName, pageSize: 100, includeArchived: true })
  const exact = items.filter((w) => w.name === idOrName)
  const matches =
    exact.length > 0 ? exact : items.filter((w) => w.name.toLowerCase() === idOrName.toLowerCase())
  const [only, ...others] = matches
  if (!only) {
    throw new CliError(
      `No workflow is named "${idOrName}".`,
      EXIT_FAILED,
      ['Give the workflow id or its exact name; the web app lists them at /workflows.'],
      'NOT_FOUND',
    )
  }
  if (others.length > 0) {
    throw new CliError(
      `Several workflows are named "${idOrName}"; give one by id.`,
      EXIT_FAILED,
      [...matches.map((w) => `${w.id}  ${w.name}`)],
      'AMBIGUOUS',
    )
  }
  return { id: only.id, name: only.name, latestVersion: only.latestVersion }
}

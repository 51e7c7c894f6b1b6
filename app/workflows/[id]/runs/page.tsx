import { RunList } from '@/components/runs/run-list'
import { parseRunListQuery } from '@/components/runs/run-list-query'

export const metadata = { title: 'Workflow runs · Relayflow' }

type SearchParams = Record<string, string | string[] | undefined>

/** One workflow's runs: the /runs list with the workflow fixed by the path. */
export default async function WorkflowRunsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<SearchParams>
}) {
  const { id } = await params
  return <RunList query={parseRunListQuery(await searchParams)} workflowId={id} />
}

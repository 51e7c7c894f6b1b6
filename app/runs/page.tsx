import { RunList } from '@/components/runs/run-list'
import { parseRunListQuery } from '@/components/runs/run-list-query'

export const metadata = { title: 'Runs · Relayflow' }

type SearchParams = Record<string, string | string[] | undefined>

export default async function RunsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = parseRunListQuery(await searchParams)
  return <RunList query={query} />
}

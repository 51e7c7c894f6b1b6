import { RunList } from '@/components/runs/run-list'
import { EXECUTION_STATUSES, type ExecutionStatus } from '@/server/engine/run/run-status'

export const metadata = { title: 'Runs · Relayflow' }

type SearchParams = Record<string, string | string[] | undefined>

/** One value of a query parameter; empty means not given (the filter form sends empty selects). */
function param(params: SearchParams, name: string): string | undefined {
  const value = params[name]
  const first = Array.isArray(value) ? value[0] : value
  return first ? first : undefined
}

export default async function RunsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams
  const status = param(params, 'status')
  const page = Number(param(params, 'page') ?? 1)
  return (
    <RunList
      status={EXECUTION_STATUSES.find((s): s is ExecutionStatus => s === status)}
      workflowId={param(params, 'workflowId')}
      page={Number.isInteger(page) && page >= 1 ? page : 1}
    />
  )
}

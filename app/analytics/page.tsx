import { AnalyticsPage } from '@/components/analytics/analytics-page'
import { isAnalyticsRange } from '@/server/statistics/analytics/analytics-window'

export const metadata = { title: 'Analytics · Relayflow' }

type SearchParams = Record<string, string | string[] | undefined>

const UUID = /^[0-9a-f-]{36}$/i

export default async function AnalyticsRoute({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams
  const range = typeof params.range === 'string' && isAnalyticsRange(params.range) ? params.range : '7d'
  const workflowId = typeof params.workflowId === 'string' && UUID.test(params.workflowId) ? params.workflowId : undefined
  return <AnalyticsPage range={range} workflowId={workflowId} />
}

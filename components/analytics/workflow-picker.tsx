'use client'
// Narrows /analytics to one workflow (kept in the URL as ?workflowId=), or shows all of them.
import { useQuery } from '@tanstack/react-query'
import { useRouter } from 'next/navigation'
import { useTRPC } from '@/components/trpc-provider'
import { analyticsHref } from './range-picker'

export function WorkflowPicker({ range, workflowId }: { range: string; workflowId?: string }) {
  const trpc = useTRPC()
  const router = useRouter()
  const workflows = useQuery(trpc.workflows.list.queryOptions({ pageSize: 100, sort: 'updated' }))
  const items = workflows.data?.items ?? []
  return (
    <label>
      Workflow{' '}
      <select
        aria-label="Workflow"
        value={workflowId ?? ''}
        onChange={(e) => router.push(analyticsHref(range, e.target.value || undefined))}
      >
        <option value="">All workflows</option>
        {workflowId && !items.some((w) => w.id === workflowId) ? <option value={workflowId}>{workflowId}</option> : null}
        {items.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </label>
  )
}

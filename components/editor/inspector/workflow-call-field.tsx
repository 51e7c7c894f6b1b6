'use client'
// The inspector's workflow picker for a `workflow` step: which saved workflow it runs (from
// workflows.list) and which version, "latest" or a pinned number.
import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { useTRPC } from '@/components/trpc-provider'

export interface WorkflowCall {
  id: string
  version?: number | 'latest'
}

function readCall(value: unknown): WorkflowCall {
  if (typeof value !== 'object' || value === null) return { id: '' }
  const { id, version } = value as Record<string, unknown>
  return {
    id: typeof id === 'string' ? id : '',
    version: typeof version === 'number' || version === 'latest' ? version : undefined,
  }
}

export function WorkflowCallField({
  label,
  value,
  onChange,
}: {
  label: string
  value: unknown
  onChange: (next: WorkflowCall) => void
}) {
  const trpc = useTRPC()
  const workflows = useQuery(trpc.workflows.list.queryOptions({ pageSize: 100, sort: 'name' }))
  const items = workflows.data?.items ?? []
  const call = readCall(value)
  const picked = items.find((w) => w.id === call.id)
  const versions = picked ? Array.from({ length: picked.latestVersion }, (_, i) => picked.latestVersion - i) : []
  const workflowId = useId()
  const versionId = useId()
  return (
    <>
      <div className="field">
        <label htmlFor={workflowId}>{label}</label>
        <select id={workflowId} value={call.id} onChange={(e) => onChange({ id: e.target.value, version: 'latest' })}>
          <option value="">Pick a workflow…</option>
          {call.id && !picked ? <option value={call.id}>{call.id}</option> : null}
          {items.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={versionId}>Version</label>
        <select
          id={versionId}
          value={String(call.version ?? 'latest')}
          onChange={(e) => onChange({ id: call.id, version: e.target.value === 'latest' ? 'latest' : Number(e.target.value) })}
        >
          <option value="latest">latest (newest when the step starts)</option>
          {typeof call.version === 'number' && !versions.includes(call.version) ? (
            <option value={call.version}>{call.version}</option>
          ) : null}
          {versions.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </div>
    </>
  )
}

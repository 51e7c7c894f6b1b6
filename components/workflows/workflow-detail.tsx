'use client'
// /workflows/[id] until the canvas editor lands: the current document, its versions
// (open, restore), export and duplicate.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { ApiError } from '@/components/ui/api-error'
import { downloadText } from '@/components/ui/download-text'
import { useTRPC, useTRPCClient } from '@/components/trpc-provider'

export function WorkflowDetail({ id }: { id: string }) {
  const trpc = useTRPC()
  const client = useTRPCClient()
  const router = useRouter()
  const queryClient = useQueryClient()
  const [version, setVersion] = useState<number | undefined>(undefined)
  const workflow = useQuery(trpc.workflows.get.queryOptions({ id, version }))
  const versions = useQuery(trpc.versions.list.queryOptions({ workflowId: id }))
  const invalidate = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.workflows.get.queryKey() })
    await queryClient.invalidateQueries({ queryKey: trpc.versions.list.queryKey() })
  }
  const restore = useMutation(
    trpc.versions.restore.mutationOptions({
      onSuccess: async () => {
        setVersion(undefined)
        await invalidate()
      },
    }),
  )
  const duplicate = useMutation(
    trpc.workflows.duplicate.mutationOptions({ onSuccess: (saved) => router.push(`/workflows/${saved.workflowId}`) }),
  )
  const [exportError, setExportError] = useState<Error | null>(null)

  if (workflow.error) return <ApiError error={workflow.error} />
  if (!workflow.data) return <p className="muted">Loading…</p>
  const data = workflow.data
  const isLatest = data.version === data.latestVersion
  return (
    <>
      <div className="toolbar">
        <h1 className="grow">
          {data.definition.name} <span className="badge">v{data.version}</span>
          {isLatest ? null : <span className="badge">viewing an older version</span>}
        </h1>
        <button
          type="button"
          onClick={async () => {
            setExportError(null)
            try {
              const file = await client.workflows.export.query({ id, version: data.version })
              downloadText(file.filename, file.json)
            } catch (error) {
              setExportError(error as Error)
            }
          }}
        >
          Export
        </button>
        <button type="button" onClick={() => duplicate.mutate({ id })}>
          Duplicate
        </button>
      </div>
      <ApiError error={exportError ?? restore.error ?? duplicate.error} />
      {data.definition.description ? <p>{data.definition.description}</p> : null}
      <div className="card">
        <h2>Versions</h2>
        <table aria-label="Versions">
          <thead>
            <tr>
              <th>Version</th>
              <th>Message</th>
              <th>Steps</th>
              <th>Saved</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {versions.data?.map((v) => (
              <tr key={v.version}>
                <td>v{v.version}</td>
                <td>{v.message}</td>
                <td>{v.stepCount}</td>
                <td>{v.createdAt.toLocaleString()}</td>
                <td className="actions">
                  <button type="button" onClick={() => setVersion(v.version)} disabled={v.version === data.version}>
                    Open
                  </button>
                  {v.version !== data.latestVersion ? (
                    <button type="button" onClick={() => restore.mutate({ workflowId: id, version: v.version })}>
                      Restore
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="card">
        <h2>Document</h2>
        <pre className="json" aria-label="Workflow JSON">
          {JSON.stringify(data.definition, null, 2)}
        </pre>
      </div>
    </>
  )
}

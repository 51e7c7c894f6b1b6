'use client'
// Loads the workflow's latest version and opens the editor on it.
import { useMutation, useQuery } from '@tanstack/react-query'
import { ReactFlowProvider } from '@xyflow/react'
import { useRouter } from 'next/navigation'
import { useMemo } from 'react'
import { useTRPC } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import { prepareDocument } from '@/components/canvas/flow-document'
import { WorkflowEditor } from './workflow-editor'

export function WorkflowEditorPage({ id, openVersion }: { id: string; openVersion?: number }) {
  const trpc = useTRPC()
  const router = useRouter()
  // The editor owns the document once loaded; later refetches must not replace it.
  const workflow = useQuery({ ...trpc.workflows.get.queryOptions({ id }), staleTime: Infinity, refetchOnWindowFocus: false })
  const duplicate = useMutation(
    trpc.workflows.duplicate.mutationOptions({ onSuccess: (saved) => router.push(`/workflows/${saved.workflowId}`) }),
  )
  const definition = workflow.data?.definition
  const doc = useMemo(() => definition && prepareDocument(definition as WorkflowDoc), [definition])
  if (workflow.error) return <ApiError error={workflow.error} />
  if (!workflow.data || !doc) return <p className="muted">Loading…</p>
  return (
    <ReactFlowProvider>
      <ApiError error={duplicate.error} />
      <WorkflowEditor
        key={id}
        workflowId={id}
        initial={doc}
        version={workflow.data.version}
        openVersion={openVersion}
        onDuplicate={() => duplicate.mutate({ id })}
      />
    </ReactFlowProvider>
  )
}

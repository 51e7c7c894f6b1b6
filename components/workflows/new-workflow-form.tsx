'use client'
import { useMutation } from '@tanstack/react-query'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { ApiError } from '@/components/ui/api-error'
import { TextField } from '@/components/ui/text-field'
import { useTRPC } from '@/components/trpc-provider'
import { starterWorkflow } from './starter-workflow'

export function NewWorkflowForm({ onCancel }: { onCancel: () => void }) {
  const trpc = useTRPC()
  const router = useRouter()
  const [name, setName] = useState('')
  const create = useMutation(
    trpc.workflows.create.mutationOptions({
      onSuccess: (saved) => router.push(`/workflows/${saved.workflowId}`),
    }),
  )
  return (
    <form
      className="card"
      aria-label="New workflow"
      onSubmit={(event) => {
        event.preventDefault()
        create.mutate({ definition: starterWorkflow(name.trim()) })
      }}
    >
      <ApiError error={create.error} />
      <TextField id="new-workflow-name" label="Name" value={name} onValue={setName} maxLength={120} required autoFocus />
      <div className="toolbar">
        <button type="submit" className="primary" disabled={create.isPending || !name.trim()}>
          Create
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

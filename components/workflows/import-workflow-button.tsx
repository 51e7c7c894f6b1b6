'use client'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { useTRPC } from '@/components/trpc-provider'

type ImportResult = ReturnType<typeof useImportWorkflow>

export function useImportWorkflow() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  return useMutation(
    trpc.workflows.import.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.workflows.list.queryKey() }),
    }),
  )
}

/** A file picker that sends the chosen JSON file to the import procedure. */
export function ImportWorkflowButton({ mutation }: { mutation: ImportResult }) {
  const input = useRef<HTMLInputElement>(null)
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} disabled={mutation.isPending}>
        Import JSON…
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        aria-label="Import workflow file"
        hidden
        onChange={async (event) => {
          const file = event.target.files?.[0]
          event.target.value = ''
          if (!file) return
          mutation.mutate({ json: await file.text() })
        }}
      />
    </>
  )
}

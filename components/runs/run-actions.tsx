'use client'
// Operations on a run: cancel it while it runs, rerun it from its failed steps once it failed.
import { useMutation } from '@tanstack/react-query'
import { useRouter } from 'next/navigation'
import { useCan } from '@/components/auth/use-auth-status'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import { isTerminalExecutionStatus } from '@/server/engine/run/run-status'
import type { RunDetail } from './use-run'

export function RunActions({ run, onChanged }: { run: RunDetail; onChanged: () => void }) {
  const trpc = useTRPC()
  const router = useRouter()
  const cancel = useMutation(trpc.runs.cancel.mutationOptions({ onSuccess: onChanged }))
  const rerun = useMutation(
    trpc.runs.rerun.mutationOptions({ onSuccess: ({ executionId }) => router.push(`/runs/${executionId}`) }),
  )
  // Only what the caller's role may do is offered (viewers see none); the server checks again.
  const mayCancel = useCan('runs.cancel')
  const mayRerun = useCan('runs.rerun')
  const isRunning = !isTerminalExecutionStatus(run.status) && mayCancel
  const canRerun = (run.status === 'failed' || run.status === 'timed_out') && mayRerun
  if (!isRunning && !canRerun) return null
  return (
    <>
      <div className="toolbar">
        {isRunning ? (
          <button
            type="button"
            className="danger"
            disabled={cancel.isPending}
            onClick={() => {
              if (window.confirm('Cancel this run? Its unfinished steps are cancelled.'))
                cancel.mutate({ id: run.id })
            }}
          >
            Cancel run
          </button>
        ) : null}
        {canRerun ? (
          <button
            type="button"
            className="primary"
            disabled={rerun.isPending}
            onClick={() => rerun.mutate({ id: run.id })}
          >
            Rerun from failed
          </button>
        ) : null}
      </div>
      <ApiError error={cancel.error ?? rerun.error} />
    </>
  )
}

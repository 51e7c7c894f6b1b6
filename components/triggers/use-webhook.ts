'use client'
// A workflow's webhook: its status, and enable/rotate/disable keeping the URL and secret issued by
// the last call until it is dismissed or the webhook disabled.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTRPC } from '@/components/trpc-provider'
import type { IssuedWebhook } from './webhook-issued'

export function useWebhook(workflowId: string) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const status = useQuery(trpc.triggers.webhooks.get.queryOptions({ workflowId }))
  const [issued, setIssued] = useState<IssuedWebhook | null>(null)
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.triggers.webhooks.pathKey() })
  const onIssued = (webhook: IssuedWebhook) => {
    setIssued(webhook)
    return refresh()
  }
  const enable = useMutation(trpc.triggers.webhooks.enable.mutationOptions({ onSuccess: onIssued }))
  const rotate = useMutation(trpc.triggers.webhooks.rotate.mutationOptions({ onSuccess: onIssued }))
  const disable = useMutation(
    trpc.triggers.webhooks.disable.mutationOptions({
      onSuccess: () => {
        setIssued(null)
        return refresh()
      },
    }),
  )
  return {
    webhook: status.data,
    issued,
    dismissIssued: () => setIssued(null),
    enable: (signed: boolean) => enable.mutate({ workflowId, signed }),
    rotate: (signed: boolean) => rotate.mutate({ workflowId, signed }),
    disable: () => disable.mutate({ workflowId }),
    busy: enable.isPending || rotate.isPending || disable.isPending,
    error: status.error ?? enable.error ?? rotate.error ?? disable.error,
  }
}

'use client'
// A small badge over the canvas saying how the workflow starts ("webhook · 2 schedules"); it opens
// the Triggers tab. Shares its queries with the panel, so edits there show here at once.
import { useQuery } from '@tanstack/react-query'
import { useTRPC } from '@/components/trpc-provider'
import { triggerSummary } from './trigger-summary'
import styles from './triggers.module.css'

export function TriggerBadge({ workflowId, onOpen }: { workflowId: string; onOpen: () => void }) {
  const trpc = useTRPC()
  const webhook = useQuery(trpc.triggers.webhooks.get.queryOptions({ workflowId }))
  const schedules = useQuery(trpc.triggers.schedules.list.queryOptions({ workflowId }))
  if (!webhook.data || !schedules.data) return null
  const summary = triggerSummary(webhook.data.enabled, schedules.data.items)
  return (
    <button
      type="button"
      className={styles.badge}
      onClick={onOpen}
      aria-label={`Triggers: ${summary}`}
      title="How this workflow starts; opens the Triggers tab"
    >
      Triggers: {summary}
    </button>
  )
}

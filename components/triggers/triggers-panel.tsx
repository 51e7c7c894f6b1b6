'use client'
// The editor's Triggers tab: every way this workflow starts (webhook, cron schedules, the Run
// button), readable by every role, changeable as the permission matrix allows.
import { useInputSpecs } from './input-specs'
import { ManualRunPreview } from './manual-run-preview'
import { SchedulesSection } from './schedules-section'
import styles from './triggers.module.css'
import { useTriggerRunsLive } from './use-trigger-runs-live'
import { WebhookSection } from './webhook-section'

export function TriggersPanel({
  workflowId,
  savedInputs,
}: {
  workflowId: string
  /** The saved version's input schema: what webhooks, schedules and the Run form are checked against. */
  savedInputs: unknown
}) {
  const specs = useInputSpecs(savedInputs)
  useTriggerRunsLive(workflowId)
  return (
    <section className={styles.panel} aria-label="Triggers">
      <h2>Triggers</h2>
      <WebhookSection workflowId={workflowId} specs={specs} />
      <SchedulesSection workflowId={workflowId} specs={specs} />
      <ManualRunPreview specs={specs} />
    </section>
  )
}

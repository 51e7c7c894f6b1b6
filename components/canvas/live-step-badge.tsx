'use client'
// A step's live status as glyph and words; subscribes to that one step only, so a transition
// re-renders this badge and nothing around it.
import { memo } from 'react'
import { useLiveStep } from '@/components/live/use-live-run'
import type { LiveStepStatus } from '@/components/live/run-status-store'
import { useRunStore } from './run-store-context'
import { STEP_STATUS_LOOK } from './step-status'
import styles from './live-status.module.css'

interface LiveStepProps {
  stepId: string
  /** Shown until the step's first event arrives (e.g. the status the API last reported); null: nothing. */
  fallback?: LiveStepStatus | null
}

/** The step's live state from the run in context, and the status to show: its own, else the fallback. */
function useLiveStepStatus(stepId: string, fallback: LiveStepStatus | null) {
  const state = useLiveStep(useRunStore(), stepId)
  return { state, status: state?.status ?? fallback }
}

export const LiveStepBadge = memo(function LiveStepBadge({ stepId, fallback = 'pending' }: LiveStepProps) {
  const { state, status } = useLiveStepStatus(stepId, fallback)
  if (!status) return null
  const look = STEP_STATUS_LOOK[status]
  return (
    <span className={`${styles.badge} ${styles[status] ?? ''}`} data-step-status={status}>
      <span className={styles.glyph} aria-hidden="true">
        {look.glyph}
      </span>
      {look.label}
      {state && state.attempt > 1 ? <span className={styles.attempt}> · attempt {state.attempt}</span> : null}
      {state?.waitingFor && status === 'running' ? (
        <span className={styles.attempt} title={state.waitingFor} data-waiting-for-device="">
          {' '}
          · waiting for a device
        </span>
      ) : null}
    </span>
  )
})

/** The coloured frame around a canvas node; a sibling of the node so the node itself never re-renders. */
export const LiveStepFrame = memo(function LiveStepFrame({ stepId, fallback = 'pending' }: LiveStepProps) {
  const { status } = useLiveStepStatus(stepId, fallback)
  if (!status) return null
  return <div className={`${styles.frame} ${styles[status] ?? ''}`} aria-hidden="true" />
})

'use client'
// One cron schedule: what it means, when it fires next, missed fires, its last run and history;
// pause, resume, edit and delete for editors.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import Link from 'next/link'
import { useMemo, useState } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import { useTRPC } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import type { ValueSpec } from '@/components/ui/typed-value'
import { ConfirmButton } from './confirm-button'
import { formatFireTime, previewSchedule } from './cron-text'
import { FireTimes } from './fire-times'
import { ScheduleFires } from './schedule-fires'
import { ScheduleForm } from './schedule-form'
import styles from './triggers.module.css'

export type ScheduleView = {
  id: string
  cron: string
  timezone: string
  inputs: Record<string, unknown>
  enabled: boolean
  lastFireAt: Date | null
  lastExecutionId: string | null
  missedFires: number
}

function useScheduleActions() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.triggers.schedules.pathKey() })
  const update = useMutation(trpc.triggers.schedules.update.mutationOptions({ onSuccess }))
  const remove = useMutation(trpc.triggers.schedules.delete.mutationOptions({ onSuccess }))
  return { update, remove, error: update.error ?? remove.error, busy: update.isPending || remove.isPending }
}

export function ScheduleItem({
  workflowId,
  schedule,
  specs,
}: {
  workflowId: string
  schedule: ScheduleView
  specs: readonly ValueSpec[]
}) {
  const [editing, setEditing] = useState(false)
  const [history, setHistory] = useState(false)
  const { update, remove, error, busy } = useScheduleActions()
  const { id, cron, timezone, enabled } = schedule
  const preview = useMemo(() => previewSchedule({ cron, timezone }, new Date()), [cron, timezone])
  if (editing)
    return (
      <li>
        <ScheduleForm
          workflowId={workflowId}
          specs={specs}
          initial={schedule}
          onDone={() => setEditing(false)}
        />
      </li>
    )
  return (
    <li className={styles.schedule} aria-label={`Schedule ${cron} (${timezone})`}>
      <ScheduleHeading schedule={schedule} />
      <ApiError error={error} />
      {enabled ? (
        <FireTimes preview={preview} timezone={timezone} />
      ) : (
        <p className="muted">Paused: it does not fire.</p>
      )}
      {Object.keys(schedule.inputs).length > 0 ? (
        <span className="muted">
          Inputs: <code className="mono">{JSON.stringify(schedule.inputs)}</code>
        </span>
      ) : null}
      <LastFire schedule={schedule} />
      <ScheduleButtons
        enabled={enabled}
        busy={busy}
        historyOpen={history}
        onToggleEnabled={() => update.mutate({ id, enabled: !enabled })}
        onEdit={() => setEditing(true)}
        onDelete={() => remove.mutate({ id })}
        onToggleHistory={() => setHistory((open) => !open)}
      />
      {history ? <ScheduleFires scheduleId={id} timezone={timezone} /> : null}
    </li>
  )
}

/** The expression and time zone, with badges for paused and for missed fires. */
function ScheduleHeading({ schedule }: { schedule: ScheduleView }) {
  return (
    <div className={styles.row}>
      <code className="mono">{schedule.cron}</code>
      <span className="muted">{schedule.timezone}</span>
      {schedule.enabled ? null : <span className={styles.badge}>paused</span>}
      {schedule.missedFires > 0 ? (
        <span
          className={`${styles.badge} ${styles.warning}`}
          title="Occurrences skipped while no scheduler was running; they are not replayed."
        >
          {schedule.missedFires} missed
        </span>
      ) : null}
    </div>
  )
}

/** When it last fired and a link to that run, once it has fired. */
function LastFire({ schedule }: { schedule: ScheduleView }) {
  if (!schedule.lastFireAt) return null
  return (
    <span className="muted">
      Last fired {formatFireTime(schedule.lastFireAt, schedule.timezone)}
      {schedule.lastExecutionId ? (
        <>
          {' '}
          · <Link href={`/runs/${schedule.lastExecutionId}`}>its run</Link>
        </>
      ) : null}
    </span>
  )
}

/** Pause/Resume and Edit for those who may update, Delete for those who may delete; history for all. */
function ScheduleButtons(props: {
  enabled: boolean
  busy: boolean
  historyOpen: boolean
  onToggleEnabled: () => void
  onEdit: () => void
  onDelete: () => void
  onToggleHistory: () => void
}) {
  const canUpdate = useCan('triggers.schedules.update')
  const canDelete = useCan('triggers.schedules.delete')
  return (
    <div className={styles.row}>
      {canUpdate ? (
        <>
          <button type="button" disabled={props.busy} onClick={props.onToggleEnabled}>
            {props.enabled ? 'Pause' : 'Resume'}
          </button>
          <button type="button" onClick={props.onEdit}>
            Edit
          </button>
        </>
      ) : null}
      {canDelete ? (
        <ConfirmButton
          label="Delete"
          question="Delete this schedule? Its runs stay."
          confirmLabel="Delete schedule"
          disabled={props.busy}
          onConfirm={props.onDelete}
        />
      ) : null}
      <button type="button" aria-expanded={props.historyOpen} onClick={props.onToggleHistory}>
        Fire history
      </button>
    </div>
  )
}

'use client'
// The workflow's cron schedules, and a form to add one (editors).
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import { useTRPC } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import type { ValueSpec } from '@/components/ui/typed-value'
import { newScheduleDraft, ScheduleForm } from './schedule-form'
import { ScheduleItem } from './schedule-item'
import styles from './triggers.module.css'

export function SchedulesSection({ workflowId, specs }: { workflowId: string; specs: readonly ValueSpec[] }) {
  const trpc = useTRPC()
  const schedules = useQuery(trpc.triggers.schedules.list.queryOptions({ workflowId }))
  const canCreate = useCan('triggers.schedules.create')
  const [adding, setAdding] = useState(false)
  const items = schedules.data?.items ?? []
  return (
    <section className={styles.section} aria-label="Schedules">
      <h3>Schedules</h3>
      <ApiError error={schedules.error} />
      {schedules.isSuccess && items.length === 0 && !adding ? (
        <p className="muted">No schedules. A schedule runs the latest version on a cron expression.</p>
      ) : null}
      <ul className={styles.list}>
        {items.map((s) => (
          <ScheduleItem key={s.id} workflowId={workflowId} schedule={s} specs={specs} />
        ))}
      </ul>
      {adding ? (
        <ScheduleForm
          workflowId={workflowId}
          specs={specs}
          initial={newScheduleDraft()}
          onDone={() => setAdding(false)}
        />
      ) : canCreate ? (
        <button type="button" onClick={() => setAdding(true)}>
          Add schedule
        </button>
      ) : (
        <p className="muted">Editors add, change and delete schedules.</p>
      )}
    </section>
  )
}

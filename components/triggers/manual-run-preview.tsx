'use client'
// The manual trigger: a read-only preview of the form the Run button opens (the same fields, from
// the saved version's input schema), and whether the signed-in role may start a run.
import { useCan } from '@/components/auth/use-auth-status'
import { initialTexts, type ValueSpec } from '@/components/ui/typed-value'
import { ValueFields } from '@/components/ui/typed-value-fields'
import styles from './triggers.module.css'

const ignore = () => undefined

export function ManualRunPreview({ specs }: { specs: readonly ValueSpec[] }) {
  const canRun = useCan('runs.start')
  return (
    <section className={styles.section} aria-label="Manual run">
      <h3>Manual</h3>
      <p className="muted">
        {canRun
          ? 'Run (in the toolbar) starts the saved version with this form:'
          : 'Operators and above start a run with Run (in the toolbar), using this form:'}
      </p>
      <fieldset disabled aria-label="Run form preview" className={styles.form}>
        <ValueFields
          idPrefix="run-preview"
          specs={specs}
          texts={initialTexts(specs)}
          errors={{}}
          onChange={ignore}
          empty="This workflow takes no inputs."
        />
      </fieldset>
    </section>
  )
}

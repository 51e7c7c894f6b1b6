'use client'
// The ways to start: a new workflow, one from a template, an import, or browsing. Actions the
// caller's role cannot take are hidden (the server refuses them anyway); browsing stays for all.
import Link from 'next/link'
import { useState } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import { NewFromTemplateDialog } from '@/components/templates/new-from-template-dialog'
import { ApiError } from '@/components/ui/api-error'
import { ImportWorkflowButton, useImportWorkflow } from '@/components/workflows/import-workflow-button'
import { NewWorkflowForm } from '@/components/workflows/new-workflow-form'
import { HomePanel } from './home-panel'
import styles from './home.module.css'

export function StartActions() {
  const [creating, setCreating] = useState(false)
  const [fromTemplate, setFromTemplate] = useState(false)
  const imported = useImportWorkflow()
  const canCreate = useCan('workflows.create')
  const canInstantiate = useCan('templates.instantiate')
  const canImport = useCan('workflows.import')
  return (
    <HomePanel id="home-start" title="Start" wide>
      <div className={styles.actions}>
        {canCreate ? (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New workflow
          </button>
        ) : null}
        {canInstantiate ? (
          <button type="button" onClick={() => setFromTemplate(true)}>
            New from template…
          </button>
        ) : null}
        {canImport ? <ImportWorkflowButton mutation={imported} /> : null}
        <Link href="/templates">Browse templates →</Link>
        <Link href="/workflows">All workflows →</Link>
        <a href="/api/schema/workflow-v1.json">Workflow format (JSON Schema) →</a>
      </div>
      {creating && canCreate ? <NewWorkflowForm onCancel={() => setCreating(false)} /> : null}
      {fromTemplate && canInstantiate ? (
        <NewFromTemplateDialog onClose={() => setFromTemplate(false)} />
      ) : null}
      <ApiError error={imported.error} title="Import failed" />
      {imported.data ? (
        <div className="notice" role="status">
          Imported “{imported.data.definition.name}”.{' '}
          <Link href={`/workflows/${imported.data.workflowId}`}>Open it</Link>
        </div>
      ) : null}
    </HomePanel>
  )
}

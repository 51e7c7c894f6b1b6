'use client'
// The buttons that start a workflow, on the home page's Start panel and atop /workflows: a new
// one, one from a template, an import; then the form, dialog or import result each opens.
// Hidden rather than refused: the server checks the same matrix (server/auth/permissions.ts).
import Link from 'next/link'
import { useState, type ReactNode } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import { NewFromTemplateDialog } from '@/components/templates/new-from-template-dialog'
import { ApiError } from '@/components/ui/api-error'
import { ImportWorkflowButton, useImportWorkflow } from './import-workflow-button'
import { NewWorkflowForm } from './new-workflow-form'

/** `className` styles the row of buttons; `heading` goes before them and `children` after. */
export function StartWorkflowActions({
  className,
  heading,
  children,
}: {
  className: string | undefined
  heading?: ReactNode
  children?: ReactNode
}) {
  const [creating, setCreating] = useState(false)
  const [fromTemplate, setFromTemplate] = useState(false)
  const imported = useImportWorkflow()
  const canCreate = useCan('workflows.create')
  const canInstantiate = useCan('templates.instantiate')
  const canImport = useCan('workflows.import')
  return (
    <>
      <div className={className}>
        {heading}
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
        {children}
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
    </>
  )
}

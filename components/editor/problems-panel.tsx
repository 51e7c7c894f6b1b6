'use client'
// The problems list under the canvas: every validation issue; clicking one selects and
// centres its step (or opens the workflow settings when it has no step).
import { memo } from 'react'
import { formatIssuePath, type WorkflowIssue } from '@/server/engine/workflow-issues'

export const ProblemsPanel = memo(function ProblemsPanel({
  issues,
  onPick,
  pending,
}: {
  issues: readonly WorkflowIssue[]
  onPick: (issue: WorkflowIssue) => void
  pending: boolean
}) {
  const errors = issues.filter((i) => i.severity === 'error').length
  const warnings = issues.length - errors
  return (
    <details className="problems" open={issues.length > 0} aria-label="Problems">
      <summary>
        Problems{' '}
        <span className={`badge${errors > 0 ? ' badge-error' : ''}`}>
          {errors} {errors === 1 ? 'error' : 'errors'}
        </span>{' '}
        {warnings > 0 ? <span className="badge">{warnings} warnings</span> : null}
        {pending ? <span className="muted"> checking…</span> : null}
      </summary>
      {issues.length === 0 ? (
        <p className="muted">No problems: the workflow is valid.</p>
      ) : (
        <ul aria-label="Problem list">
          {issues.map((issue, n) => (
            <li key={n}>
              <button type="button" className={`problem issue-${issue.severity}`} onClick={() => onPick(issue)}>
                <span className="problem-where">
                  {issue.stepId ? <code>{issue.stepId}</code> : 'workflow'} · {formatIssuePath(issue.path)}
                </span>
                <span>{issue.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  )
})

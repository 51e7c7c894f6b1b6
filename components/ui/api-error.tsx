'use client'
// Shows an API error the way a user needs it: the message, then every issue with its field.
import type { WorkflowIssue } from '@/server/engine/workflow-issues'

type ErrorLike = { message: string; data?: { issues?: WorkflowIssue[] | null } | null } | null | undefined

export function formatIssuePath(path: (string | number)[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    '',
  )
}

export function ApiError({ error, title }: { error: ErrorLike; title?: string }) {
  if (!error) return null
  const issues = error.data?.issues ?? []
  return (
    <div className="error-box" role="alert">
      <strong>{title ?? error.message}</strong>
      {title ? <div>{error.message}</div> : null}
      {issues.length > 0 ? (
        <ul>
          {issues.map((issue, index) => (
            <li key={index}>
              {issue.stepId ? <code>{issue.stepId}</code> : null}
              {issue.stepId ? ' · ' : null}
              {issue.path.length ? <code>{formatIssuePath(issue.path)}</code> : null}
              {issue.path.length ? ': ' : null}
              {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

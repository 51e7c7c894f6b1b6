'use client'
// A device's recent commands: action, status with progress, the run it served, when, and its result.
import type { inferRouterOutputs } from '@trpc/server'
import Link from 'next/link'
import type { AppRouter } from '@/server/api/root-router'
import { formatAgo, formatJson } from './fleet-format'
import { StatusBadge } from './status-badge'

type RecentCommand = inferRouterOutputs<AppRouter>['devices']['get']['recentCommands'][number]

export function RecentCommandsTable({ commands }: { commands: RecentCommand[] }) {
  return (
    <table aria-label="Recent commands">
      <thead>
        <tr>
          <th>Action</th>
          <th>Status</th>
          <th>Run</th>
          <th>Started</th>
          <th>Result</th>
        </tr>
      </thead>
      <tbody>
        {commands.map((c) => (
          <CommandRow key={c.id} command={c} />
        ))}
        {commands.length === 0 ? (
          <tr>
            <td colSpan={5} className="muted">
              No commands yet.
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  )
}

function CommandRow({ command: c }: { command: RecentCommand }) {
  return (
    <tr>
      <td>
        <code>{c.action}</code>
      </td>
      <td>
        <StatusBadge status={c.status} />
        {c.progress?.percent != null ? ` ${c.progress.percent}%` : ''}
      </td>
      <td>
        {c.executionId ? (
          <Link href={`/runs/${c.executionId}`}>open run</Link>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>{formatAgo(c.startedAt ?? c.createdAt)}</td>
      <td>
        <CommandResult command={c} />
      </td>
    </tr>
  )
}

/** The error if the command failed, else its output folded away (nothing while it has none). */
function CommandResult({ command: c }: { command: RecentCommand }) {
  if (c.error) {
    return (
      <span>
        <code>{c.error.code}</code> {c.error.message}
      </span>
    )
  }
  if (c.output === null || c.output === undefined) return null
  return (
    <details>
      <summary>output</summary>
      <pre className="json">{formatJson(c.output)}</pre>
    </details>
  )
}

'use client'
// The history panel: every saved version; open one read-only, restore it, or tick two to compare.
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import { useTRPC } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'

export function VersionsPanel({
  workflowId,
  current,
  onOpen,
  onRestore,
  onCompare,
}: {
  workflowId: string
  current: number
  onOpen: (version: number) => void
  onRestore: (version: number) => void
  onCompare: (before: number, after: number) => void
}) {
  const trpc = useTRPC()
  const versions = useQuery(trpc.versions.list.queryOptions({ workflowId }))
  const canRestore = useCan('versions.restore')
  const [picked, setPicked] = useState<number[]>([])
  const toggle = (v: number) =>
    setPicked((list) => (list.includes(v) ? list.filter((x) => x !== v) : [...list.slice(-1), v]))
  const [a, b] = [...picked].sort((x, y) => x - y)
  return (
    <section className="versions" aria-label="Versions">
      <h2>Versions</h2>
      <ApiError error={versions.error} />
      <button type="button" disabled={a === undefined || b === undefined} onClick={() => a && b && onCompare(a, b)}>
        {a && b ? `Compare v${a} → v${b}` : 'Tick two versions to compare'}
      </button>
      <ul className="version-list">
        {versions.data?.map((v) => (
          <li key={v.version} className={v.version === current ? 'is-current' : undefined}>
            <label className="version-pick">
              <input
                type="checkbox"
                checked={picked.includes(v.version)}
                onChange={() => toggle(v.version)}
                aria-label={`Compare v${v.version}`}
              />
              <strong>v{v.version}</strong>
            </label>
            <span className="version-message">{v.message || <span className="muted">(no message)</span>}</span>
            <span className="muted">
              {v.stepCount} steps · {v.createdAt.toLocaleString()}
            </span>
            <span className="version-actions">
              <button type="button" onClick={() => onOpen(v.version)} aria-label={`Open v${v.version}`}>
                Open
              </button>
              {v.version !== current && canRestore ? (
                <button type="button" onClick={() => onRestore(v.version)} aria-label={`Restore v${v.version}`}>
                  Restore
                </button>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}

// A parallel step's branches at a glance ("12/15 ok, 1 failed, 2 running"): from its final
// output once it has ended, from its device commands while it runs.

export type BranchState = 'ok' | 'failed' | 'running' | 'queued'

export interface FanOutBranch {
  key: string
  state: BranchState
  deviceId?: string
  error?: string
}

export interface FanOutSummary {
  total: number
  ok: number
  failed: number
  running: number
  queued: number
  branches: FanOutBranch[]
}

const COMMAND_STATE: Record<string, BranchState> = {
  queued: 'queued',
  delivered: 'running',
  acked: 'running',
  running: 'running',
  succeeded: 'ok',
  failed: 'failed',
  cancelled: 'failed',
}

function count(branches: readonly FanOutBranch[], total?: number): FanOutSummary {
  const out = { total: Math.max(total ?? 0, branches.length), ok: 0, failed: 0, running: 0, queued: 0, branches: [...branches] }
  for (const b of branches) out[b.state]++
  // Branches not dispatched yet (max concurrency) count as queued.
  out.queued += out.total - branches.length
  return out
}

function errorMessage(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const message = (error as { message?: unknown }).message
  return typeof message === 'string' ? message : undefined
}

/** From a parallel step's output `{ total, results: [{ key, ok, deviceId?, error? }] }`; null when it has none. */
export function fanOutFromOutput(output: unknown): FanOutSummary | null {
  if (typeof output !== 'object' || output === null) return null
  const { total, results } = output as { total?: unknown; results?: unknown }
  if (!Array.isArray(results)) return null
  const branches = results.flatMap((r: unknown): FanOutBranch[] => {
    if (typeof r !== 'object' || r === null) return []
    const { key, ok, deviceId, error } = r as { key?: unknown; ok?: unknown; deviceId?: unknown; error?: unknown }
    const message = errorMessage(error)
    return [
      {
        key: String(key),
        state: ok === true ? 'ok' : 'failed',
        ...(typeof deviceId === 'string' ? { deviceId } : {}),
        ...(message ? { error: message } : {}),
      },
    ]
  })
  return count(branches, typeof total === 'number' ? total : undefined)
}

/** From the step's device commands (latest attempt only), while the step runs. */
export function fanOutFromCommands(
  commands: readonly { branch: string | null; attempt: number | null; deviceId: string; status: string; error: unknown }[],
): FanOutSummary {
  const latest = Math.max(0, ...commands.map((c) => c.attempt ?? 0))
  const byKey = new Map<string, FanOutBranch>()
  for (const c of commands) {
    if ((c.attempt ?? 0) !== latest) continue
    const key = c.branch ?? c.deviceId
    const message = errorMessage(c.error)
    byKey.set(key, {
      key,
      state: COMMAND_STATE[c.status] ?? 'running',
      deviceId: c.deviceId,
      ...(message ? { error: message } : {}),
    })
  }
  return count([...byKey.values()])
}

/** "12/15 ok, 1 failed, 2 running" (zero counts left out). */
export function fanOutLabel(summary: FanOutSummary): string {
  const parts = [`${summary.ok}/${summary.total} ok`]
  if (summary.failed) parts.push(`${summary.failed} failed`)
  if (summary.running) parts.push(`${summary.running} running`)
  if (summary.queued) parts.push(`${summary.queued} queued`)
  return parts.join(', ')
}

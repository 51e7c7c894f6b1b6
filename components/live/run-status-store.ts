// A run's live state kept outside React Flow's node data: step statuses keyed by step id, fed by
// /live events in seq order. Components subscribe to one step (useSyncExternalStore), so a status
// change re-renders that node's badge, not the graph.
import type { LiveRunEvent, LiveRunSummary } from '@/contracts/live-contract'

export type LiveStepStatus =
  | 'pending'
  | 'ready'
  | 'running'
  | 'waiting'
  | 'succeeded'
  | 'failed'
  | 'skipped'
  | 'cancelled'

export interface LiveStepState {
  status: LiveStepStatus
  attempt: number
  /** Last error message seen for this step (failed or a retry). */
  error?: { code?: string; message?: string }
  startedAt?: string
  finishedAt?: string
  /** Condition steps: the branch taken (true/false), from `step.succeeded`. */
  conditionResult?: boolean
  /** A running attempt waits for a device: why ("waiting for a device: …"), until its next status. */
  waitingFor?: string
}

const STEP_STATUS_BY_EVENT: Record<string, LiveStepStatus> = {
  'step.ready': 'ready',
  'step.running': 'running',
  'step.waiting': 'waiting',
  'step.succeeded': 'succeeded',
  'step.kept': 'succeeded',
  'step.failed': 'failed',
  'step.skipped': 'skipped',
  'step.cancelled': 'cancelled',
  'step.retry_scheduled': 'ready',
  'step.interrupted': 'ready',
}

export class RunStatusStore {
  private readonly steps = new Map<string, LiveStepState>()
  private readonly listeners = new Map<string, Set<() => void>>()
  private readonly runListeners = new Set<() => void>()
  private readonly eventListeners = new Set<() => void>()
  /** Every event applied, in seq order (the timeline and the step logs read it). */
  private readonly applied: LiveRunEvent[] = []
  private notifiedCount = 0
  lastSeq = 0
  run: LiveRunSummary | undefined

  /** Applies events in seq order; returns false when one is missing (the caller resubscribes). */
  apply(events: readonly LiveRunEvent[]): boolean {
    const touched = new Set<string>()
    let runTouched = false
    for (const event of events) {
      if (event.seq <= this.lastSeq) continue
      if (event.seq !== this.lastSeq + 1) return this.notify(touched, runTouched, false)
      this.lastSeq = event.seq
      this.applied.push(event)
      const status = STEP_STATUS_BY_EVENT[event.type]
      if (event.stepId && status) {
        this.steps.set(event.stepId, this.next(event, status))
        touched.add(event.stepId)
      }
      const previous = event.stepId ? this.steps.get(event.stepId) : undefined
      if (event.type === 'step.awaiting_device' && event.stepId && previous && typeof event.payload.reason === 'string') {
        this.steps.set(event.stepId, { ...previous, waitingFor: event.payload.reason })
        touched.add(event.stepId)
      }
      if (event.type.startsWith('run.') && this.run) {
        const handled = event.payload.handledFailures
        this.run = {
          ...this.run,
          status: event.type === 'run.started' ? 'running' : event.type.slice(4),
          lastSeq: event.seq,
          ...(typeof handled === 'number' ? { handledFailures: handled } : {}),
        }
        runTouched = true
      }
    }
    return this.notify(touched, runTouched, true)
  }

  /** The events applied so far, oldest first; it grows in place (use `eventCount` as the snapshot). */
  events(): readonly LiveRunEvent[] {
    return this.applied
  }

  get eventCount(): number {
    return this.applied.length
  }

  subscribeEvents(listener: () => void): () => void {
    this.eventListeners.add(listener)
    return () => this.eventListeners.delete(listener)
  }

  setRun(run: LiveRunSummary): void {
    this.run = run
    for (const listener of this.runListeners) listener()
  }

  step(stepId: string): LiveStepState | undefined {
    return this.steps.get(stepId)
  }

  /** Counts by status, for headers and fan-out summaries. */
  counts(): Record<LiveStepStatus, number> {
    const out = { pending: 0, ready: 0, running: 0, waiting: 0, succeeded: 0, failed: 0, skipped: 0, cancelled: 0 }
    for (const state of this.steps.values()) out[state.status]++
    return out
  }

  subscribeStep(stepId: string, listener: () => void): () => void {
    const set = this.listeners.get(stepId) ?? new Set()
    set.add(listener)
    this.listeners.set(stepId, set)
    return () => set.delete(listener)
  }

  subscribeRun(listener: () => void): () => void {
    this.runListeners.add(listener)
    return () => this.runListeners.delete(listener)
  }

  private next(event: LiveRunEvent, status: LiveStepStatus): LiveStepState {
    const previous = this.steps.get(event.stepId ?? '') ?? { status: 'pending', attempt: 0 }
    const payload = event.payload
    const attempt = typeof payload.attempt === 'number' ? payload.attempt : previous.attempt
    const error = payload.error as LiveStepState['error'] | undefined
    return {
      ...previous,
      waitingFor: undefined,
      status,
      attempt,
      ...(error ? { error } : {}),
      ...(typeof payload.result === 'boolean' ? { conditionResult: payload.result } : {}),
      ...(status === 'running' ? { startedAt: event.at, finishedAt: undefined } : {}),
      ...(['succeeded', 'failed', 'skipped', 'cancelled'].includes(status) ? { finishedAt: event.at } : {}),
    }
  }

  private notify(steps: Set<string>, run: boolean, ok: boolean): boolean {
    if (this.notifiedCount !== this.applied.length) {
      this.notifiedCount = this.applied.length
      for (const listener of this.eventListeners) listener()
    }
    for (const id of steps) for (const listener of this.listeners.get(id) ?? []) listener()
    if (run || steps.size > 0) for (const listener of this.runListeners) listener()
    return ok
  }
}

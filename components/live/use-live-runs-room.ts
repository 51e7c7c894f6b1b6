'use client'
// Follows the `runs` room on /live: every run status change (new runs too) reaches `onChanged`;
// after a reconnect `onResync` runs, since changes made while offline are not replayed.
import type { LiveRunSummary } from '@/contracts/live-contract'
import { useLiveRoom } from './use-live-room'

export function useLiveRunsRoom(handlers: { onChanged: (run: LiveRunSummary) => void; onResync: () => void }): {
  connected: boolean
} {
  return useLiveRoom('runs', 'run.changed', { onMessage: handlers.onChanged, onResync: handlers.onResync })
}

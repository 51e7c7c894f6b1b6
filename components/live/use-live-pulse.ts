'use client'
// Joins the `fleet` or `monitoring` room on /live and calls `onChanged` whenever the server says
// what that page shows has changed, and after a reconnect (changes meanwhile are not replayed).
import type { PulseRoom } from '@/contracts/live-contract'
import { useLiveRoom } from './use-live-room'

export function useLivePulse(room: PulseRoom, onChanged: () => void): { connected: boolean } {
  return useLiveRoom(room, 'room.changed', {
    onMessage: (message) => {
      if (message.room === room) onChanged()
    },
    onResync: onChanged,
  })
}

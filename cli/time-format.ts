// Times for terminal output; durations come from the run pages' formatter so both read the same.
export { elapsedMs, formatDuration } from '@/components/runs/run-timing'

export function formatTime(date: Date | null | undefined): string {
  return date ? date.toISOString() : '-'
}

// Reads a run's or step's `error` column, which holds `{ code, message, retryable }` when set.

export type RunError = { code: string; message: string }

export function readRunError(error: unknown): RunError | null {
  if (typeof error !== 'object' || error === null) return null
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (typeof message !== 'string') return null
  return { code: typeof code === 'string' ? code : 'error', message }
}

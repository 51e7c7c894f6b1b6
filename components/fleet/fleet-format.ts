// Small display helpers for the fleet page.

export function formatAgo(date: Date | null, now = Date.now()): string {
  if (!date) return 'never'
  const seconds = Math.max(0, Math.round((now - date.getTime()) / 1000))
  if (seconds < 5) return 'just now'
  if (seconds < 60) return `${seconds}s ago`
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`
  return date.toLocaleString()
}

export function formatJson(value: unknown, max = 2000): string {
  const text = JSON.stringify(value, null, 2) ?? 'null'
  return text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters)` : text
}

export const STATUS_COLORS: Record<string, string> = {
  online: '#16a34a',
  busy: '#d97706',
  draining: '#7c3aed',
  offline: '#6b7280',
  succeeded: '#16a34a',
  failed: '#dc2626',
  cancelled: '#6b7280',
  running: '#2563eb',
}

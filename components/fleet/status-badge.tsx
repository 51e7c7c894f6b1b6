// A status shown as a coloured dot and its word, so colour is never the only signal.
import { STATUS_COLORS } from './fleet-format'

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className="badge" data-status={status}>
      <span aria-hidden style={{ color: STATUS_COLORS[status] ?? '#2563eb' }}>
        ●
      </span>{' '}
      {status}
    </span>
  )
}

'use client'
// The fleet page's search row: name search, tag and status filters, and how many devices match.

export const STATUS_FILTERS = ['', 'online', 'busy', 'draining', 'offline', 'revoked'] as const
export type StatusFilter = (typeof STATUS_FILTERS)[number]
export type FleetFilterValues = { tag: string; status: StatusFilter; search: string }

export function FleetFilters({
  value,
  onChange,
  tags,
  count,
}: {
  value: FleetFilterValues
  onChange: (next: FleetFilterValues) => void
  /** Every tag in the fleet, whatever the filters. */
  tags: string[]
  /** Devices shown, or undefined before the first page loads. */
  count: number | undefined
}) {
  return (
    <div className="toolbar" role="search">
      <input
        type="search"
        placeholder="Search by name or id"
        aria-label="Search devices"
        value={value.search}
        onChange={(e) => onChange({ ...value, search: e.target.value })}
      />
      <label>
        Tag{' '}
        <select
          value={value.tag}
          onChange={(e) => onChange({ ...value, tag: e.target.value })}
          aria-label="Filter by tag"
        >
          <option value="">any</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status{' '}
        <select
          value={value.status}
          onChange={(e) => onChange({ ...value, status: e.target.value as StatusFilter })}
          aria-label="Filter by status"
        >
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {s || 'any (not revoked)'}
            </option>
          ))}
        </select>
      </label>
      <span className="muted">{count !== undefined ? `${count} device${count === 1 ? '' : 's'}` : ''}</span>
    </div>
  )
}

// CSV export of a report table: a header row, then one row per item, quoted per RFC 4180 so
// names with commas, quotes or line breaks survive a spreadsheet.

export interface CsvColumn<T> {
  header: string
  value: (row: T) => string | number | null | undefined
}

export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => quote(c.header)), ...rows.map((r) => columns.map((c) => quote(c.value(r))))]
  return `${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`
}

function quote(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  const text = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(3)) : value
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

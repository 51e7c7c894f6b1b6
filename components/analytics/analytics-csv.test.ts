import { describe, expect, it } from 'vitest'
import { toCsv } from './analytics-csv'

describe('analytics CSV export', () => {
  it('quotes commas, quotes and line breaks, leaves empty cells for missing values', () => {
    const csv = toCsv(
      [
        { header: 'workflow', value: (r: { name: string; p95: number | null; runs: number }) => r.name },
        { header: 'runs', value: (r) => r.runs },
        { header: 'p95 ms', value: (r) => r.p95 },
      ],
      [
        { name: 'Deploy, "prod"', runs: 12, p95: 1905.25 },
        { name: 'line\nbreak', runs: 0, p95: null },
      ],
    )
    expect(csv).toBe('workflow,runs,p95 ms\r\n"Deploy, ""prod""",12,1905.250\r\n"line\nbreak",0,\r\n')
  })

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(toCsv([{ header: 'name', value: (r: string) => r }], ['=HYPERLINK("x")'])).toBe(
      'name\r\n"\'=HYPERLINK(""x"")"\r\n',
    )
  })
})

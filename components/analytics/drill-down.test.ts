import { describe, expect, it } from 'vitest'
import { parseRunListQuery, timeRange } from '@/components/runs/run-list-query'
import { latestHourOfWeek, runsHref } from './drill-down'

const window = { from: new Date('2033-03-02T12:00:00Z'), to: new Date('2033-03-09T12:00:00Z') }
const wf = '0b6f0b5e-1c1a-4d55-9d43-2a3f4c5d6e7f'

describe('analytics drill-down links', () => {
  it('a bar links to /runs with its status and exact bucket, and /runs reads the same range back', () => {
    const href = runsHref(window, { status: 'failed', from: new Date('2033-03-08T00:00:00Z'), to: new Date('2033-03-09T00:00:00Z') })
    expect(href).toBe('/runs?status=failed&from=2033-03-08T00%3A00%3A00.000Z&to=2033-03-09T00%3A00%3A00.000Z')
    const query = parseRunListQuery(Object.fromEntries(new URL(href, 'http://x').searchParams))
    expect(timeRange(query)).toEqual({ from: new Date('2033-03-08T00:00:00Z'), to: new Date('2033-03-09T00:00:00Z') })
  })

  it('keeps the page workflow filter and drops statuses the run list does not know', () => {
    expect(runsHref({ ...window, workflowId: wf }, { status: 'bogus', trigger: 'webhook' })).toBe(
      `/runs?workflowId=${wf}&trigger=webhook&from=2033-03-02T12%3A00%3A00.000Z&to=2033-03-09T12%3A00%3A00.000Z`,
    )
  })

  it('a heatmap cell opens the latest matching hour inside the window', () => {
    const to = new Date(window.to)
    const target = new Date(to)
    target.setMinutes(0, 0, 0)
    target.setHours(target.getHours() - 30) // 30 hours back: another weekday and hour
    const weekday = target.getDay() === 0 ? 7 : target.getDay()
    const hour = latestHourOfWeek(window, weekday, target.getHours())
    expect(hour).toEqual({ from: target, to: new Date(target.getTime() + 3_600_000) })
    expect(latestHourOfWeek({ from: new Date(to.getTime() - 3_600_000), to }, weekday, target.getHours())).toBeNull()
  })
})

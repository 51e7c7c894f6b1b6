import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, isFiltering, matchesFilters, parseRunListQuery, runListHref } from './run-list-query'

const id = '0b6f0b5e-1c1a-4d55-9d43-2a3f4c5d6e7f'

describe('run list query', () => {
  it('drops empty and unknown values and keeps a stable order in links', () => {
    const query = parseRunListQuery({ status: 'bogus', workflowId: id, trigger: '', from: '2026-01-02', to: 'yesterday' })
    expect(query).toEqual({ workflowId: id, from: '2026-01-02' })
    expect(runListHref({ ...query, status: 'failed' })).toBe(`/runs?status=failed&workflowId=${id}&from=2026-01-02`)
    expect(runListHref({})).toBe('/runs')
    // The device filter (from analytics) survives the URL, and a workflow's own page keeps its path.
    const byDevice = parseRunListQuery({ deviceId: 'edge-7', status: 'failed' })
    expect(runListHref(byDevice)).toBe('/runs?status=failed&deviceId=edge-7')
    expect(runListHref(byDevice, `/workflows/${id}/runs`)).toBe(`/workflows/${id}/runs?status=failed&deviceId=edge-7`)
  })

  it('a cursor survives the round trip through the URL, a broken one is ignored', () => {
    const cursor = { createdAt: new Date('2026-01-02T03:04:05.678Z'), id }
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor)
    expect(decodeCursor('nonsense')).toBeUndefined()
    expect(decodeCursor(`not-a-date~${id}`)).toBeUndefined()
  })

  it('a live run change is matched against the filters', () => {
    const run = { status: 'failed', workflowId: id, trigger: 'manual', createdAt: '2026-01-02T12:00:00' }
    expect(matchesFilters(run, { status: 'failed', workflowId: id })).toBe(true)
    expect(matchesFilters(run, { status: 'succeeded' })).toBe(false)
    expect(matchesFilters(run, { trigger: 'webhook' })).toBe(false)
    expect(matchesFilters(run, { from: '2026-01-03' })).toBe(false)
    expect(matchesFilters(run, { to: '2026-01-02' })).toBe(true)
  })

  it('showing test runs survives the URL and is not a filter', () => {
    const query = parseRunListQuery({ tests: '1', workflowId: id })
    expect(query).toEqual({ tests: '1', workflowId: id })
    expect(runListHref(query)).toBe(`/runs?workflowId=${id}&tests=1`)
    expect(parseRunListQuery({ tests: 'yes' })).toEqual({})
    expect(isFiltering({ tests: '1' })).toBe(false)
    expect(isFiltering(query)).toBe(true)
    expect(isFiltering(query, true)).toBe(false)
  })
})

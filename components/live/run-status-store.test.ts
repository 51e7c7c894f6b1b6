import { describe, expect, it } from 'vitest'
import type { LiveRunEvent } from '@/contracts/live-contract'
import { RunStatusStore } from './run-status-store'

const at = '2026-11-27T00:00:00.000Z'
const ev = (seq: number, type: string, stepId: string | null = null, payload = {}): LiveRunEvent => ({
  seq,
  type,
  stepId,
  payload,
  at,
})

describe('RunStatusStore', () => {
  it('follows a step through its statuses and notifies only that step', () => {
    const store = new RunStatusStore()
    let aCalls = 0
    let bCalls = 0
    store.subscribeStep('a', () => aCalls++)
    store.subscribeStep('b', () => bCalls++)
    expect(
      store.apply([
        ev(1, 'run.started'),
        ev(2, 'step.ready', 'a'),
        ev(3, 'step.running', 'a', { attempt: 1 }),
      ]),
    ).toBe(true)
    expect(store.step('a')).toMatchObject({ status: 'running', attempt: 1, startedAt: at })
    store.apply([ev(4, 'step.succeeded', 'a')])
    expect(store.step('a')?.status).toBe('succeeded')
    expect(aCalls).toBe(2)
    expect(bCalls).toBe(0)
  })

  it('ignores duplicates and reports a gap without applying past it', () => {
    const store = new RunStatusStore()
    store.apply([ev(1, 'step.ready', 'a')])
    expect(store.apply([ev(1, 'step.ready', 'a')])).toBe(true)
    expect(store.apply([ev(3, 'step.failed', 'a')])).toBe(false)
    expect(store.step('a')?.status).toBe('ready')
    expect(store.lastSeq).toBe(1)
    expect(
      store.apply([
        ev(2, 'step.running', 'a'),
        ev(3, 'step.failed', 'a', { error: { code: 'x', message: 'boom' } }),
      ]),
    ).toBe(true)
    expect(store.step('a')).toMatchObject({ status: 'failed', error: { code: 'x', message: 'boom' } })
    expect(store.counts().failed).toBe(1)
  })

  it('says why a running step waits for a device until its next status', () => {
    const store = new RunStatusStore()
    const reason = 'waiting for a device: no device offers `echo` with tag `eu`; 0 of 4 online devices match'
    store.apply([
      ev(1, 'step.running', 'a', { attempt: 1 }),
      ev(2, 'step.awaiting_device', 'a', { attempt: 1, reason }),
    ])
    expect(store.step('a')).toMatchObject({ status: 'running', attempt: 1, waitingFor: reason })
    store.apply([ev(3, 'step.failed', 'a', { error: { code: 'no_capable_device', message: 'none' } })])
    expect(store.step('a')?.status).toBe('failed')
    expect(store.step('a')?.waitingFor).toBeUndefined()
  })

  it('tracks the run status from run events', () => {
    const store = new RunStatusStore()
    store.setRun({
      id: 'r',
      workflowId: null,
      workflowVersion: 1,
      status: 'running',
      trigger: 'manual',
      lastSeq: 0,
      createdAt: at,
      startedAt: at,
      finishedAt: null,
      handledFailures: 0,
      kind: 'run',
    })
    store.apply([ev(1, 'run.failed')])
    expect(store.run?.status).toBe('failed')
  })

  it('takes the handled failures of a run that succeeded from its run.succeeded event', () => {
    const store = new RunStatusStore()
    store.setRun({ id: 'r', workflowId: null, workflowVersion: 1, status: 'running', trigger: 'manual', lastSeq: 0, createdAt: at, startedAt: at, finishedAt: null, handledFailures: 0, kind: 'run' })
    store.apply([ev(1, 'run.succeeded', undefined, { handledFailures: 2 })])
    expect(store.run).toMatchObject({ status: 'succeeded', handledFailures: 2 })
  })

  it('keeps every applied event once, in order, and notifies event listeners per batch', () => {
    const store = new RunStatusStore()
    let batches = 0
    store.subscribeEvents(() => batches++)
    store.apply([ev(1, 'run.started'), ev(2, 'step.ready', 'a')])
    store.apply([ev(2, 'step.ready', 'a'), ev(3, 'step.running', 'a')])
    store.apply([ev(3, 'step.running', 'a')])
    expect(store.events().map((e) => e.seq)).toEqual([1, 2, 3])
    expect(store.eventCount).toBe(3)
    expect(batches).toBe(2)
  })

  it('records the branch a condition took', () => {
    const store = new RunStatusStore()
    store.apply([ev(1, 'step.succeeded', 'check', { result: false })])
    expect(store.step('check')).toMatchObject({ status: 'succeeded', conditionResult: false })
  })
})

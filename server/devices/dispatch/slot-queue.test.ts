// The slot queue's rules without a database: who a freed slot wakes, in what order, how many, and
// that a wake-up arriving while a waiter is busy trying is kept for it.
import { describe, expect, it } from 'vitest'
import { SlotQueue, type SlotWaiter } from './slot-queue'

const never = new AbortController().signal
const HOUR = 3_600_000

function setup(free: Record<string, number> = {}) {
  const queue = new SlotQueue({ freeSlots: (id) => free[id] ?? 0 })
  const woken: string[] = []
  /** Joins and starts waiting (as after a first try that found the devices busy). */
  const waiting = (name: string, devices: string[], key = devices.join(',')) => {
    const waiter = queue.join(key, (id) => devices.includes(id))
    void waiter.wait(never, HOUR).then(() => woken.push(name))
    return waiter
  }
  return { queue, woken, waiting, flush: () => new Promise((resolve) => setImmediate(resolve)) }
}

describe('slot queue', () => {
  it('a freed slot wakes the oldest waiter that can use that device, one per free slot', async () => {
    const { queue, woken, waiting, flush } = setup({ a: 2 })
    waiting('first', ['b'])
    waiting('second', ['a'])
    waiting('third', ['a', 'b'])
    waiting('fourth', ['a'])
    queue.slotFreed('a')
    await flush()
    expect(woken).toEqual(['second', 'third'])
  })

  it('wakes at least one waiter when its free-slot count is stale', async () => {
    const { queue, woken, waiting, flush } = setup()
    waiting('only', ['a'])
    queue.slotFreed('a')
    await flush()
    expect(woken).toEqual(['only'])
  })

  it('a newcomer may not take a slot an earlier idle waiter can use; one already trying does not block it', async () => {
    const { queue, waiting } = setup()
    const early = waiting('early', ['a'])
    const newcomer = queue.join('a,b', (id) => id === 'a' || id === 'b')
    expect(queue.isReserved('a', newcomer)).toBe(true)
    expect(queue.isReserved('b', newcomer)).toBe(false)
    expect(queue.isReserved('a', early)).toBe(false)
    queue.slotFreed('a') // early wakes and tries
    await Promise.resolve()
    expect(queue.isReserved('a', newcomer)).toBe(false)
  })

  it('keeps a wake-up that arrives while the waiter is trying, so its next wait returns at once', async () => {
    const { queue } = setup()
    const trying = queue.join('a', (id) => id === 'a') // joined, first try in flight
    queue.slotFreed('a')
    let returned = false
    await trying.wait(never, HOUR).then(() => (returned = true))
    expect(returned).toBe(true)
    expect(trying.acting).toBe('a')
  })

  it('a waiter leaving with an unused wake-up passes it to the next waiter for that device', async () => {
    const { queue, woken, waiting, flush } = setup()
    const first: SlotWaiter = waiting('first', ['a'])
    waiting('second', ['a'])
    queue.slotFreed('a')
    await flush()
    expect(woken).toEqual(['first'])
    queue.leave(first, { tookSlot: false }) // e.g. its run was cancelled before it tried
    await flush()
    expect(woken).toEqual(['first', 'second'])
    expect(queue.size).toBe(1)
  })

  it('after taking a slot, the next waiter is woken only if the device still has one free', async () => {
    const free: Record<string, number> = { a: 0 }
    const { queue, woken, waiting, flush } = setup(free)
    const first = waiting('first', ['a'])
    waiting('second', ['a'])
    queue.slotFreed('a')
    await flush()
    queue.leave(first, { tookSlot: true })
    await flush()
    expect(woken).toEqual(['first'])
    free.a = 1
    queue.slotFreed('a', 0)
    await flush()
    expect(woken).toEqual(['first', 'second'])
  })

  it('the fallback wakes the head of every group, oldest first within a group', async () => {
    const { queue, woken, waiting, flush } = setup()
    waiting('a1', ['a'])
    waiting('a2', ['a'])
    waiting('b1', ['b'])
    queue.wakeHeads()
    await flush()
    expect(woken.sort()).toEqual(['a1', 'b1'])
  })
})

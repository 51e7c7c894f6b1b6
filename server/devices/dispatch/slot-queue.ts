// Dispatches of this process that want a device slot, first come first served. A dispatch joins
// before its first try; a freed slot (the NOTIFY every slot-releasing statement sends) wakes the
// oldest waiters that can use that device, as many as it has free slots, and a wake-up that arrives
// while a waiter is busy trying is kept for it, never lost. A waiter skips devices an earlier idle
// waiter can use, so newcomers never overtake. Bookkeeping only: no I/O.

/** Waiters with the same action and target form a group: they can use the same devices. */
interface Group {
  key: string
  canUse: (deviceId: string) => boolean
  waiters: SlotWaiter[]
}

export class SlotWaiter {
  /** The wake-up (device id) the current try acts on. */
  acting: string | undefined
  /** A wake-up that came while it was trying: the next wait returns at once. */
  pending: string | undefined
  private resolveWait: (() => void) | undefined

  constructor(
    readonly seq: number,
    readonly group: Group,
  ) {}

  /** Resolves on a wake-up, after `ms` (the slow fallback), or when the signal aborts. */
  wait(signal: AbortSignal, ms: number): Promise<void> {
    this.acting = this.pending
    this.pending = undefined
    if (this.acting !== undefined || signal.aborted) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        this.resolveWait = undefined
        resolve()
      }
      const timer = setTimeout(done, ms)
      signal.addEventListener('abort', done, { once: true })
      this.resolveWait = done
    })
  }

  /** Waiting with no wake-up to act on: the one a newcomer must not overtake. */
  get isIdle(): boolean {
    return this.resolveWait !== undefined && this.pending === undefined
  }

  /** True when a wake-up for this device should go to it (one it holds but has not acted on blocks more). */
  canTakeWake(deviceId: string | undefined): boolean {
    if (this.pending !== undefined) return false
    if (this.resolveWait !== undefined) return true
    // Trying: keep a wake-up for another device, so a slot that frees meanwhile is not missed.
    return deviceId !== undefined && this.acting !== deviceId
  }

  wake(deviceId: string | undefined): void {
    if (this.resolveWait) {
      this.acting = deviceId
      this.resolveWait()
    } else this.pending = deviceId ?? ''
  }
}

export interface SlotQueueDeps {
  /** Free slots the device has as far as this process knows: a hint, the database decides. */
  freeSlots(deviceId: string): number
}

export class SlotQueue {
  private readonly groups = new Map<string, Group>()
  private nextSeq = 0
  private count = 0

  constructor(private readonly deps: SlotQueueDeps) {}

  get size(): number {
    return this.count
  }

  /** Waiters between tries: queued, waiting for a wake-up. */
  get waitingCount(): number {
    let n = 0
    for (const group of this.groups.values()) for (const w of group.waiters) if (w.isIdle) n++
    return n
  }

  /** Queues a dispatch behind everyone already here. `key` names its action and target. */
  join(key: string, canUse: (deviceId: string) => boolean): SlotWaiter {
    let group = this.groups.get(key)
    if (!group) {
      group = { key, canUse, waiters: [] }
      this.groups.set(key, group)
    }
    const waiter = new SlotWaiter(this.nextSeq++, group)
    group.waiters.push(waiter)
    this.count++
    return waiter
  }

  /** Leaves the queue; wake-ups it did not use pass on, and after taking a slot the next waiter checks for more. */
  leave(waiter: SlotWaiter, options: { tookSlot: boolean }): void {
    const { waiters } = waiter.group
    const index = waiters.indexOf(waiter)
    if (index < 0) return
    waiters.splice(index, 1)
    this.count--
    if (waiters.length === 0) this.groups.delete(waiter.group.key)
    const { acting, pending } = waiter
    waiter.acting = waiter.pending = undefined
    if (acting) this.slotFreed(acting, options.tookSlot ? 0 : 1)
    if (pending) this.slotFreed(pending, 1)
  }

  /**
   * True when a waiter queued before `self` that can use the device is idle (no wake-up reached
   * it yet): the device's free slots go to it first. Earlier waiters already trying need no guard.
   */
  isReserved(deviceId: string, self: SlotWaiter): boolean {
    for (const group of this.groups.values()) {
      if (!group.canUse(deviceId)) continue
      for (const w of group.waiters) {
        if (w.seq >= self.seq) break
        if (w.isIdle) return true
      }
    }
    return false
  }

  /**
   * Slots freed on the device: wakes the oldest waiters that can use it, as many as it has free
   * slots (at least `atLeast`, so a stale count still wakes one to ask the database).
   */
  slotFreed(deviceId: string, atLeast = 1): void {
    const wanted = Math.max(atLeast, this.deps.freeSlots(deviceId))
    for (let woken = 0; woken < wanted; woken++) {
      const next = this.oldest((w) => w.canTakeWake(deviceId), deviceId)
      if (!next) return
      next.wake(deviceId)
    }
  }

  /** The slow fallback and registry changes: the head of every group tries again. */
  wakeHeads(): void {
    for (const group of this.groups.values()) {
      const head = group.waiters.find((w) => w.canTakeWake(undefined))
      head?.wake(undefined)
    }
  }

  private oldest(accept: (w: SlotWaiter) => boolean, deviceId: string): SlotWaiter | undefined {
    let best: SlotWaiter | undefined
    for (const group of this.groups.values()) {
      if (!group.canUse(deviceId)) continue
      const candidate = group.waiters.find(accept)
      if (candidate && (best === undefined || candidate.seq < best.seq)) best = candidate
    }
    return best
  }
}

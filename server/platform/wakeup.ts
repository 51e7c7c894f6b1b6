// A loop's sleep that can be cut short: wake() ends the current wait, or the next one if the
// loop is busy, so no wake-up between two checks is lost.
export class Wakeup {
  private pending = false
  private resolveWait: (() => void) | undefined

  wake(): void {
    this.pending = true
    this.resolveWait?.()
  }

  /** Waits up to `ms` unless woken; clears the pending flag so the next wait starts fresh. */
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.resolveWait = undefined
        this.pending = false
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.resolveWait = done
    })
  }
}

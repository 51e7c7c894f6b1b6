// What every tRPC procedure receives: its dependencies, passed in rather than imported. The
// service part is the platform's ServiceDeps; the caller part is auth's CallContext.
import type { CallContext } from '@/server/auth/request-info'
import type { RunEndSignals } from '@/server/runner/run-end-signals'

export type ApiContext = CallContext & {
  /** Wakes callers waiting for a run to end at the commit that ends it; absent: they poll. */
  runEnds?: RunEndSignals
}

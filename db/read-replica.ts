// The optional read replica (DATABASE_READ_URL): analytics and monitoring queries go there so heavy
// aggregates do not compete with the runner's writes. Without it, callers use the primary.
import { connectDatabase, type Database } from './client'

export function connectReadReplica(url: string | undefined, options: { max?: number } = {}): Database | undefined {
  if (!url) return undefined
  // Reports are read-only: a statement that tries to write on the replica fails loudly rather than silently.
  return connectDatabase(url, { max: options.max ?? 5 })
}

// What "success rate" means in analytics: of the runs that ended on their own (succeeded, failed or
// timed out), the share that succeeded. Cancelled and unfinished runs count in neither direction.

export function successRate(byStatus: Readonly<Record<string, number>>): number | null {
  const succeeded = byStatus.succeeded ?? 0
  const ended = succeeded + (byStatus.failed ?? 0) + (byStatus.timed_out ?? 0)
  return ended > 0 ? succeeded / ended : null
}

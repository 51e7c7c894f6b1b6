// Which device gets a command among those matching its target (the matching rule is the engine's
// matchesTarget): the strategies least-loaded, round-robin and random (least-loaded puts devices flagged by
// anomaly detection behind the others). Pure; the SQL that locks rows is elsewhere.
import { matchesTarget, type MatchableDevice, type TTargetStrategy } from '@/server/engine/device-target'

export { matchesTarget, type MatchableDevice }

export interface RoutableDevice extends MatchableDevice {
  maxConcurrency: number
  /** Commands assigned and not finished (queued, delivered, acked, running). */
  active: number
  /** When it was last picked (ms), null if never: round-robin goes to the one picked longest ago. */
  lastAssignedMs: number | null
}

export function hasFreeSlot(device: RoutableDevice): boolean {
  return device.active < device.maxConcurrency
}

const byLeastRecentlyAssigned = (a: RoutableDevice, b: RoutableDevice): number => {
  const x = a.lastAssignedMs ?? -Infinity
  const y = b.lastAssignedMs ?? -Infinity
  if (x !== y) return x < y ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * Orders candidates by preference: devices with a free slot first, in strategy order, then full
 * ones (a slot may have freed since the counts were read); the assignment takes the first that
 * still has a slot. least-loaded: lowest active/maxConcurrency, ties to the one picked longest ago
 * (so idle devices share work); round-robin: the one picked longest ago; random: shuffled.
 * With least-loaded, `isFlagged` devices (anomalous: slow or failing) come after every unflagged
 * one in the same group: they get work only when no unflagged device has a free slot.
 */
export function rankDevices<T extends RoutableDevice>(
  candidates: readonly T[],
  strategy: Exclude<TTargetStrategy, 'all'>,
  random: () => number,
  isFlagged: (deviceId: string) => boolean = () => false,
): T[] {
  const order = (list: T[]): T[] => {
    switch (strategy) {
      case 'random':
        return shuffle(list, random)
      case 'round-robin':
        return [...list].sort(byLeastRecentlyAssigned)
      case 'least-loaded':
        return [...list].sort((a, b) => {
          const load = a.active / a.maxConcurrency - b.active / b.maxConcurrency
          return load !== 0 ? load : byLeastRecentlyAssigned(a, b)
        })
    }
  }
  const tiers = (list: T[]): T[] => {
    if (strategy !== 'least-loaded') return order(list)
    return [...order(list.filter((d) => !isFlagged(d.id))), ...order(list.filter((d) => isFlagged(d.id)))]
  }
  return [...tiers(candidates.filter(hasFreeSlot)), ...tiers(candidates.filter((d) => !hasFreeSlot(d)))]
}

/** The device `rankDevices` prefers among those with a free slot; undefined when all are full. */
export function pickDevice<T extends RoutableDevice>(
  candidates: readonly T[],
  strategy: Exclude<TTargetStrategy, 'all'>,
  random: () => number,
  isFlagged?: (deviceId: string) => boolean,
): T | undefined {
  const [first] = rankDevices(candidates, strategy, random, isFlagged)
  return first && hasFreeSlot(first) ? first : undefined
}

function shuffle<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

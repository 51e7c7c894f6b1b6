// Undo/redo over immutable document snapshots. Typing in one field coalesces into one entry
// (same coalesce key); a drag is one entry from its start to its end (begin/endTransient).
export interface History<T> {
  past: T[]
  present: T
  future: T[]
  /** Key of the last edit; a following edit with the same key replaces it instead of stacking. */
  lastKey: string | undefined
  /** The snapshot a transient change (a drag) started from. */
  anchor: T | undefined
}

export const HISTORY_LIMIT = 200

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: undefined, anchor: undefined }
}

function pushPast<T>(past: T[], entry: T): T[] {
  const next = [...past, entry]
  return next.length > HISTORY_LIMIT ? next.slice(next.length - HISTORY_LIMIT) : next
}

/** Records an edit. Edits with the same non-empty `coalesceKey` in a row form one undo step. */
export function recordEdit<T>(h: History<T>, next: T, coalesceKey?: string): History<T> {
  if (next === h.present) return h
  if (coalesceKey !== undefined && coalesceKey === h.lastKey && h.past.length > 0) {
    return { ...h, present: next, future: [], anchor: undefined }
  }
  return { past: pushPast(h.past, h.present), present: next, future: [], lastKey: coalesceKey, anchor: undefined }
}

export function beginTransient<T>(h: History<T>): History<T> {
  return h.anchor === undefined ? { ...h, anchor: h.present } : h
}

/** Updates the present without an undo entry (each frame of a drag). */
export function recordTransient<T>(h: History<T>, next: T): History<T> {
  if (next === h.present) return h
  return { ...h, present: next, anchor: h.anchor ?? h.present }
}

/** Ends a transient change: the whole change becomes one undo entry. */
export function endTransient<T>(h: History<T>): History<T> {
  if (h.anchor === undefined) return h
  if (h.anchor === h.present) return { ...h, anchor: undefined }
  return { past: pushPast(h.past, h.anchor), present: h.present, future: [], lastKey: undefined, anchor: undefined }
}

export function undo<T>(h: History<T>): History<T> {
  const settled = endTransient(h)
  const previous = settled.past[settled.past.length - 1]
  if (previous === undefined) return settled
  return {
    past: settled.past.slice(0, -1),
    present: previous,
    future: [settled.present, ...settled.future],
    lastKey: undefined,
    anchor: undefined,
  }
}

export function redo<T>(h: History<T>): History<T> {
  const settled = endTransient(h)
  const [next, ...rest] = settled.future
  if (next === undefined) return settled
  return {
    past: pushPast(settled.past, settled.present),
    present: next,
    future: rest,
    lastKey: undefined,
    anchor: undefined,
  }
}

/** Drops the coalescing key so the next edit starts a new undo entry (e.g. on blur). */
export function breakCoalescing<T>(h: History<T>): History<T> {
  return h.lastKey === undefined ? h : { ...h, lastKey: undefined }
}

// The one check for JSON crossing a boundary (API inputs, workflow documents, run inputs, signal
// payloads, webhook bodies, device messages): bounded nesting, well-formed text, bounded size.
// Iterative, so a value nested 100,000 deep is refused instead of overflowing the stack; every
// problem names the path where it is. docs/workflow-format.md and docs/device-protocol.md state the limits.

/** `inputs.items[2].name`, or `the value` for the root. */
export function describePath(path: (string | number)[]): string {
  return path.length === 0 ? 'the value' : path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replaceAll('.[', '[')
}

const utf8 = new TextEncoder()

/**
 * UTF-8 byte length of `value` serialized as JSON, or `undefined` when it cannot be
 * serialized (cycles, bigint). Pure: no Buffer.
 */
export function jsonByteLength(value: unknown): number | undefined {
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch {
    return undefined
  }
  return text === undefined ? 0 : utf8.encode(text).length
}

/** Objects and arrays may nest this deep (`{"a":{"b":1}}` nests 2 deep). */
export const MAX_JSON_DEPTH = 64
/** Values (scalars, objects, arrays) in one checked value; far above what a 2 MiB body can hold. */
export const MAX_JSON_VALUES = 2_000_000

export type JsonPath = (string | number)[]
export type JsonProblemKind = 'too_deep' | 'lone_surrogate' | 'nul_character' | 'too_large'

export interface JsonProblem {
  kind: JsonProblemKind
  path: JsonPath
  /** Names the path and says what to do. */
  message: string
}

export interface JsonGuardOptions {
  /** Prefix of every reported path, e.g. `['inputs']`. */
  path?: JsonPath
  maxDepth?: number
  /** UTF-8 bytes of the value as JSON; unchecked when absent. */
  maxBytes?: number
  /** Device text keeps NUL (it is stored as U+FFFD, see replaceNulInJson); elsewhere it is refused. */
  allowNul?: boolean
  /** Stop after this many problems (default 20). */
  maxProblems?: number
}

// A UTF-16 high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text)
}

/** A visited value, with its parent so the path is built only when a problem is found. */
type Frame = { value: unknown; key: string | number | undefined; parent: Frame | undefined; depth: number }

function pathOf(frame: Frame, prefix: JsonPath): JsonPath {
  const keys: (string | number)[] = []
  for (let at: Frame | undefined = frame; at?.key !== undefined; at = at.parent) keys.push(at.key)
  return [...prefix, ...keys.reverse()]
}

function problem(kind: JsonProblemKind, path: JsonPath, limit = 0): JsonProblem {
  const where = describePath(path)
  const messages: Record<JsonProblemKind, string> = {
    too_deep: `${where} is nested more than ${limit} levels deep; flatten the data.`,
    lone_surrogate: `${where} contains a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff), which is not valid Unicode; send well-formed text.`,
    nul_character: `${where} contains a NUL character (U+0000), which cannot be stored; remove it.`,
    too_large:
      limit === MAX_JSON_VALUES
        ? `${where} holds more than ${MAX_JSON_VALUES} values; send less data.`
        : `${where} is larger than ${limit} bytes of JSON; send less data.`,
  }
  return { kind, path, message: messages[kind] }
}

function textProblem(text: string, allowNul: boolean): JsonProblemKind | undefined {
  if (!allowNul && text.includes('\u0000')) return 'nul_character'
  return hasLoneSurrogate(text) ? 'lone_surrogate' : undefined
}

/** Children of a container, or undefined for a leaf (scalars, and objects such as Date). */
function childrenOf(value: unknown): [string | number, unknown][] | undefined {
  if (Array.isArray(value)) return value.map((item, i) => [i, item] as [number, unknown])
  if (typeof value !== 'object' || value === null) return undefined
  const proto = Object.getPrototypeOf(value) as unknown
  if (proto !== Object.prototype && proto !== null) return undefined
  return Object.entries(value)
}

/** Every problem in `value` (up to `maxProblems`), in document order; empty when it is safe to store. */
export function findJsonProblems(value: unknown, options: JsonGuardOptions = {}): JsonProblem[] {
  const prefix = options.path ?? []
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH
  const maxProblems = options.maxProblems ?? 20
  const allowNul = options.allowNul ?? false
  const found: JsonProblem[] = []
  const stack: Frame[] = [{ value, key: undefined, parent: undefined, depth: 0 }]
  let visited = 0
  while (stack.length > 0 && found.length < maxProblems) {
    const frame = stack.pop()!
    if (++visited > MAX_JSON_VALUES) {
      found.push(problem('too_large', prefix, MAX_JSON_VALUES))
      break
    }
    const keyKind = typeof frame.key === 'string' ? textProblem(frame.key, allowNul) : undefined
    if (keyKind) {
      found.push(problem(keyKind, pathOf(frame, prefix)))
      continue
    }
    if (typeof frame.value === 'string') {
      const kind = textProblem(frame.value, allowNul)
      if (kind) found.push(problem(kind, pathOf(frame, prefix)))
      continue
    }
    const children = childrenOf(frame.value)
    if (!children) continue
    if (frame.depth >= maxDepth) {
      found.push(problem('too_deep', pathOf(frame, prefix), maxDepth))
      continue
    }
    // Pushed in reverse so problems come out in document order.
    for (let i = children.length - 1; i >= 0; i--) {
      const [key, child] = children[i]!
      stack.push({ value: child, key, parent: frame, depth: frame.depth + 1 })
    }
  }
  if (found.length === 0 && options.maxBytes !== undefined) {
    // Safe now: the value is shallow enough for JSON.stringify's recursion.
    const bytes = jsonByteLength(value) ?? 0
    if (bytes > options.maxBytes) found.push(problem('too_large', prefix, options.maxBytes))
  }
  return found.slice(0, maxProblems)
}

/** One line naming each problem (the first few), for error messages and protocol acks. */
export function describeJsonProblems(problems: readonly JsonProblem[]): string {
  const shown = problems.slice(0, 3).map((p) => p.message)
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''
  return shown.join(' ') + more
}

/**
 * JSON text of a checked value with every NUL (U+0000) written as U+FFFD, for PostgreSQL, which
 * cannot store NUL. Only real NUL escapes change: a literal backslash followed by `u0000` stays.
 */
export function jsonTextWithoutNul(value: unknown): string {
  const text = JSON.stringify(value ?? null) ?? 'null'
  return text.includes('\\u0000') ? text.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd') : text
}

/**
 * Reading stored values never fails: values stored before the depth limit existed (or composed
 * by steps from several checked values) are shown cut at this depth.
 */
export const MAX_READ_DEPTH = 2 * MAX_JSON_DEPTH
export const DEEP_VALUE_MARKER = `[nested more than ${MAX_READ_DEPTH} levels deep; not shown]`

function isDeeperThan(value: unknown, maxDepth: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }]
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!
    const children = childrenOf(current)
    if (!children || children.length === 0) continue
    if (depth >= maxDepth) return true
    for (const [, child] of children) stack.push({ value: child, depth: depth + 1 })
  }
  return false
}

function setOwn(target: object, key: string | number, value: unknown): void {
  // defineProperty, so a key named "__proto__" stays a plain key.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/**
 * `value` itself when it nests at most `maxDepth` containers; otherwise a copy in which every
 * non-empty container below that depth is replaced by DEEP_VALUE_MARKER. Iterative.
 */
export function limitJsonDepth(value: unknown, maxDepth = MAX_READ_DEPTH): unknown {
  if (!isDeeperThan(value, maxDepth)) return value
  const root = {}
  const stack: { value: unknown; depth: number; into: object; key: string | number }[] = [
    { value, depth: 0, into: root, key: 'value' },
  ]
  while (stack.length > 0) {
    const { value: current, depth, into, key } = stack.pop()!
    const children = childrenOf(current)
    if (!children || children.length === 0) {
      setOwn(into, key, current)
      continue
    }
    if (depth >= maxDepth) {
      setOwn(into, key, DEEP_VALUE_MARKER)
      continue
    }
    const copy: object = Array.isArray(current) ? new Array<unknown>(children.length) : {}
    setOwn(into, key, copy)
    // Keys are created in order first, so filling them from the stack keeps the original order.
    for (const [childKey] of children) setOwn(copy, childKey, undefined)
    for (const [childKey, child] of children) stack.push({ value: child, depth: depth + 1, into: copy, key: childKey })
  }
  return (root as { value: unknown }).value
}

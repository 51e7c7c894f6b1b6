// Replaces known secret values with `***` wherever they occur in a value: strings, object keys,
// nested arrays, at any depth (an explicit stack, no recursion, so no depth can stop it). Used on
// step results before they are stored, evented or streamed, and on finished device commands.
export const REDACTED = '***'

/** Longest first, so a secret containing another one is replaced whole. */
function ordered(values: Iterable<string>): string[] {
  return [...new Set(values)].filter((v) => v.length > 0).sort((a, b) => b.length - a.length)
}

export function redactText(text: string, values: readonly string[]): string {
  let out = text
  for (const value of values) if (out.includes(value)) out = out.split(value).join(REDACTED)
  return out
}

type Container = unknown[] | Record<string, unknown>

const isContainer = (value: unknown): value is Container =>
  typeof value === 'object' && value !== null && !(value instanceof Date)

/** One array or object being rebuilt: its keys, the redacted children so far, whether any changed. */
interface Frame {
  node: Container
  keys: string[]
  children: unknown[]
  changed: boolean
}

const open = (node: Container): Frame => ({
  node,
  keys: Array.isArray(node) ? [] : Object.keys(node),
  children: [],
  changed: false,
})

const size = (frame: Frame) => (Array.isArray(frame.node) ? frame.node.length : frame.keys.length)

function childOf(frame: Frame, index: number): unknown {
  return Array.isArray(frame.node) ? frame.node[index] : frame.node[frame.keys[index] ?? '']
}

/** The frame's node itself when nothing in it changed; otherwise a redacted copy. */
function close(frame: Frame, values: readonly string[]): Container {
  if (Array.isArray(frame.node)) return frame.changed ? frame.children : frame.node
  const keys = frame.keys.map((k) => redactText(k, values))
  if (!frame.changed && keys.every((k, i) => k === frame.keys[i])) return frame.node
  // fromEntries defines own properties, so a key like "__proto__" stays data.
  return Object.fromEntries(keys.map((k, i) => [k, frame.children[i]]))
}

function redactTree(root: unknown, values: readonly string[]): unknown {
  if (!isContainer(root)) return typeof root === 'string' ? redactText(root, values) : root
  const stack: Frame[] = [open(root)]
  for (;;) {
    const frame = stack[stack.length - 1] as Frame
    const index = frame.children.length
    if (index < size(frame)) {
      const child = childOf(frame, index)
      if (isContainer(child)) {
        stack.push(open(child))
        continue
      }
      const redacted = typeof child === 'string' ? redactText(child, values) : child
      frame.children.push(redacted)
      if (redacted !== child) frame.changed = true
      continue
    }
    const done = close(frame, values)
    stack.pop()
    const parent = stack[stack.length - 1]
    if (!parent) return done
    parent.children.push(done)
    if (done !== frame.node) parent.changed = true
  }
}

/**
 * A copy of `value` with every occurrence of the secret values replaced; `value` itself (the same
 * reference, also for nested parts) where there is nothing to replace.
 */
export function redactSecrets<T>(value: T, secretValues: Iterable<string> | undefined): T {
  if (!secretValues) return value
  const values = ordered(secretValues)
  if (values.length === 0) return value
  return redactTree(value, values) as T
}

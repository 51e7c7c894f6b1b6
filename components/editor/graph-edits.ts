// Pure edits of the workflow document the canvas performs: connect (with the reasons a
// connection is refused), remove steps and edges, add, update and rename steps.
import { isIdentifier } from '@/server/engine/identifier'
import { getStepType } from '@/steps/registry'
import type { EdgeKind, StepDoc, WorkflowDoc, XY } from '@/components/canvas/canvas-types'
import { documentEdges, readDependency, toDependency, type DocEdge } from '@/components/canvas/flow-document'

export type ConnectCheck = { ok: true } | { ok: false; reason: string }

/** Whether `to` can be reached from `from` along the document's edges. */
function reaches(doc: WorkflowDoc, from: string, to: string): string[] | undefined {
  const outgoing = new Map<string, string[]>()
  for (const e of documentEdges(doc.steps)) outgoing.set(e.from, [...(outgoing.get(e.from) ?? []), e.to])
  const parent = new Map<string, string>()
  const queue = [from]
  const seen = new Set([from])
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i] as string
    if (at === to) {
      const path = [to]
      while (path[0] !== from) path.unshift(parent.get(path[0] as string) as string)
      return path
    }
    for (const next of outgoing.get(at) ?? []) {
      if (seen.has(next)) continue
      seen.add(next)
      parent.set(next, at)
      queue.push(next)
    }
  }
  return undefined
}

/** Why a new edge from → to of `kind` would be refused, or ok. */
export function checkConnection(doc: WorkflowDoc, from: string, to: string, kind: string): ConnectCheck {
  if (from === to) return { ok: false, reason: `A step cannot depend on itself ("${from}").` }
  const source = doc.steps.find((s) => s.id === from)
  if (!source || !doc.steps.some((s) => s.id === to)) return { ok: false, reason: 'Unknown step.' }
  const offered = getStepType(source.type)?.outgoing ?? []
  if (!offered.includes(kind as EdgeKind))
    return { ok: false, reason: `A ${source.type} step has no "${kind}" edge.` }
  const existing = documentEdges(doc.steps).find((e) => e.from === from && e.to === to)
  if (existing)
    return {
      ok: false,
      reason: `"${from}" → "${to}" is already connected (${existing.kind}); use one "always" edge for both outcomes.`,
    }
  const back = reaches(doc, to, from)
  if (back)
    return {
      ok: false,
      reason: `That would make a cycle: ${[...back, to].join(' → ')}. Workflows must not loop.`,
    }
  return { ok: true }
}

function mapStep(doc: WorkflowDoc, id: string, change: (step: StepDoc) => StepDoc): WorkflowDoc {
  let changed = false
  const steps = doc.steps.map((step) => {
    if (step.id !== id) return step
    const next = change(step)
    changed ||= next !== step
    return next
  })
  return changed ? { ...doc, steps } : doc
}

export function addEdge(doc: WorkflowDoc, edge: DocEdge): WorkflowDoc {
  return mapStep(doc, edge.to, (step) => ({
    ...step,
    dependencies: [...(step.dependencies ?? []), toDependency(edge.from, edge.kind)],
  }))
}

function keepDependencies(step: StepDoc, keep: (from: string, kind: EdgeKind) => boolean): StepDoc {
  if (!step.dependencies) return step
  const deps = step.dependencies.filter((dep) => {
    const read = readDependency(dep)
    return !read || keep(read.from, read.kind)
  })
  if (deps.length === step.dependencies.length) return step
  const { dependencies: _d, ...rest } = step
  return (deps.length > 0 ? { ...rest, dependencies: deps } : rest)
}

export function removeEdges(doc: WorkflowDoc, edges: readonly DocEdge[]): WorkflowDoc {
  if (edges.length === 0) return doc
  const gone = new Set(edges.map((e) => `${e.from}\u0000${e.to}\u0000${e.kind}`))
  let changed = false
  const steps = doc.steps.map((step) => {
    const next = keepDependencies(step, (from, kind) => !gone.has(`${from}\u0000${step.id}\u0000${kind}`))
    changed ||= next !== step
    return next
  })
  return changed ? { ...doc, steps } : doc
}

/** Removes steps and every edge that touches them. */
export function removeSteps(doc: WorkflowDoc, ids: ReadonlySet<string>): WorkflowDoc {
  if (![...ids].some((id) => doc.steps.some((s) => s.id === id))) return doc
  const steps = doc.steps
    .filter((step) => !ids.has(step.id))
    .map((step) => keepDependencies(step, (from) => !ids.has(from)))
  return { ...doc, steps }
}

/** The first free `<type>_<n>` id (n from 1), e.g. command_2 when command_1 exists. */
export function uniqueStepId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])/, '_').slice(0, 56) || 'step'
  for (let n = 1; ; n++) {
    const id = `${stem}_${n}`
    if (!taken.has(id) && isIdentifier(id)) return id
  }
}

/** A new step of `type` with the registry's defaults. */
export function newStep(doc: WorkflowDoc, type: string, position: XY): StepDoc | undefined {
  const definition = getStepType(type)
  if (!definition) return undefined
  const id = uniqueStepId(type, new Set(doc.steps.map((s) => s.id)))
  const n = id.slice(type.length + 1)
  return {
    id,
    type,
    name: `${definition.label} ${n}`,
    ...definition.defaults(),
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  } as StepDoc
}

export function addStep(doc: WorkflowDoc, step: StepDoc): WorkflowDoc {
  return { ...doc, steps: [...doc.steps, step] }
}

/** Replaces one step's fields; `undefined` values remove the field. */
export function updateStep(doc: WorkflowDoc, id: string, patch: Record<string, unknown>): WorkflowDoc {
  return mapStep(doc, id, (step) => {
    const next: Record<string, unknown> = { ...step }
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) delete next[key]
      else next[key] = value
    }
    return next as StepDoc
  })
}

export type RenameCheck = { ok: true } | { ok: false; reason: string }

export function checkStepId(doc: WorkflowDoc, from: string, to: string): RenameCheck {
  if (to === from) return { ok: true }
  if (!isIdentifier(to))
    return {
      ok: false,
      reason:
        'Use letters, digits and "_", starting with a letter or "_" (at most 64), and not a reserved word such as "in" or "true".',
    }
  if (doc.steps.some((s) => s.id === to)) return { ok: false, reason: `Another step is already called "${to}".` }
  return { ok: true }
}

function renameInStrings(value: unknown, pattern: RegExp, to: string): unknown {
  if (typeof value === 'string') return value.includes('steps.') ? value.replace(pattern, `$1${to}`) : value
  if (Array.isArray(value)) return value.map((v) => renameInStrings(v, pattern, to))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameInStrings(v, pattern, to)]))
  }
  return value
}

/**
 * Renames a step and every reference to it: dependencies, and `steps.<id>` inside expressions
 * and templates. The caller checks the new id with checkStepId first.
 */
export function renameStep(doc: WorkflowDoc, from: string, to: string): WorkflowDoc {
  if (from === to) return doc
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const pattern = new RegExp(`(\\bsteps\\.)${escaped}\\b`, 'g')
  const steps = doc.steps.map((step) => {
    const renamed = { ...(renameInStrings(step, pattern, to) as StepDoc) }
    if (step.id === from) renamed.id = to
    if (step.dependencies) {
      renamed.dependencies = step.dependencies.map((dep) => {
        const read = readDependency(dep)
        return read && read.from === from ? toDependency(to, read.kind) : dep
      })
    }
    return renamed
  })
  return { ...doc, steps }
}

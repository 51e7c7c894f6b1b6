// Which context roots a CEL expression reads (inputs.X, vars.X, steps.X, secrets.X, run, item, index),
// found by walking the parsed AST so names inside string literals are never mistaken for references.
import type { ASTNode } from '@marcbachmann/cel-js'

export interface SourceRange {
  start: number
  end: number
}

export const CONTEXT_ROOTS = ['inputs', 'vars', 'steps', 'secrets', 'run', 'item', 'index'] as const
export type ContextRoot = (typeof CONTEXT_ROOTS)[number]

export interface ExpressionReference {
  /** A context root, or 'unknown' for an identifier that is not one (e.g. a typo). */
  root: ContextRoot | 'unknown'
  /** The selected field: X in inputs.X / vars.X / steps.X / secrets.X; the identifier itself for 'unknown'. */
  name?: string
  range: SourceRange
}

const BINDING_MACROS = new Set([
  'all',
  'exists',
  'exists_one',
  'map',
  'filter',
  'bind',
  'transformList',
  'transformMap',
])
const ROOTS = new Set<string>(CONTEXT_ROOTS)

type NodeOf<K extends ASTNode['op']> = Extract<ASTNode, { op: K }>
type Bound = ReadonlySet<string>

/** Walks the AST (depth is bounded by the parser's maxDepth) collecting context-root references. */
export function collectReferences(ast: ASTNode): ExpressionReference[] {
  const out: ExpressionReference[] = []
  visit(ast, new Set(), out)
  return out
}

/** One visitor per node kind; `bound` holds the names a macro (`x` in `list.all(x, ...)`) has bound. */
function visit(node: ASTNode, bound: Bound, out: ExpressionReference[]): void {
  switch (node.op) {
    case 'id':
      visitIdentifier(node, bound, out)
      return
    case '.':
    case '.?':
      visitFieldSelection(node, bound, out)
      return
    case '[]':
    case '[?]':
      visitIndex(node, bound, out)
      return
    case 'rcall':
      visitMethodCall(node, bound, out)
      return
    case 'call':
      visitAll(node.args[1], bound, out)
      return
    case 'list':
      visitAll(node.args, bound, out)
      return
    case 'map':
      for (const [key, value] of node.args) {
        visit(key, bound, out)
        visit(value, bound, out)
      }
      return
    case 'value':
      return
    case '!_':
    case '-_':
      visit(node.args, bound, out)
      return
    default:
      visitAll(node.args, bound, out)
  }
}

function visitAll(nodes: readonly ASTNode[], bound: Bound, out: ExpressionReference[]): void {
  for (const node of nodes) visit(node, bound, out)
}

/** A context root not shadowed by a macro binding (`inputs` is free; `x` bound by `all(x, ...)` is not). */
function isFreeRoot(node: ASTNode, bound: Bound): node is NodeOf<'id'> {
  return node.op === 'id' && ROOTS.has(node.args) && !bound.has(node.args)
}

/** A bare name: a whole root (`run`, `item`), or 'unknown' when it is not a root (a typo). */
function visitIdentifier(node: NodeOf<'id'>, bound: Bound, out: ExpressionReference[]): void {
  if (bound.has(node.args)) return
  const root = ROOTS.has(node.args) ? (node.args as ContextRoot) : 'unknown'
  out.push(root === 'unknown' ? { root, name: node.args, range: node.range } : { root, range: node.range })
}

/** Records root.field, its range running from the root to the end of the selection. */
function pushSelection(
  out: ExpressionReference[],
  base: NodeOf<'id'>,
  name: string,
  selection: ASTNode,
): void {
  out.push({
    root: base.args as ContextRoot,
    name,
    range: { start: base.range.start, end: selection.range.end },
  })
}

/** `inputs.X` (or `inputs.?X`) names field X; any other selection reads only its base. */
function visitFieldSelection(node: NodeOf<'.' | '.?'>, bound: Bound, out: ExpressionReference[]): void {
  const [base, field] = node.args
  if (isFreeRoot(base, bound)) pushSelection(out, base, field, node)
  else visit(base, bound, out)
}

/** `inputs["X"]` with a string literal names field X like `inputs.X`; other indexes read base and key. */
function visitIndex(node: NodeOf<'[]' | '[?]'>, bound: Bound, out: ExpressionReference[]): void {
  const [base, key] = node.args
  if (isFreeRoot(base, bound) && key.op === 'value' && typeof key.args === 'string') {
    pushSelection(out, base, key.args, node)
    return
  }
  visit(base, bound, out)
  visit(key, bound, out)
}

/** A method call; binding macros (`list.all(x, pred)`, `cel.bind(x, init, body)`) bind their first argument. */
function visitMethodCall(node: NodeOf<'rcall'>, bound: Bound, out: ExpressionReference[]): void {
  const [name, receiver, args] = node.args
  const first = args[0]
  const isBinding = BINDING_MACROS.has(name) && first?.op === 'id' && args.length >= 2
  const isCelBind = name === 'bind' && receiver.op === 'id' && receiver.args === 'cel'
  if (!isCelBind) visit(receiver, bound, out)
  const inner = isBinding && first.op === 'id' ? new Set([...bound, first.args]) : bound
  args.forEach((arg, i) => {
    if (isBinding && i === 0) return
    // cel.bind(name, init, body): init is evaluated outside the binding.
    visit(arg, isCelBind && i === 1 ? bound : inner, out)
  })
}

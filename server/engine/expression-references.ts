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

/** Walks the AST (depth is bounded by the parser's maxDepth) collecting context-root references. */
export function collectReferences(ast: ASTNode): ExpressionReference[] {
  const out: ExpressionReference[] = []
  const visit = (node: ASTNode, bound: ReadonlySet<string>): void => {
    switch (node.op) {
      case 'id': {
        if (bound.has(node.args)) return
        const root = ROOTS.has(node.args) ? (node.args as ContextRoot) : 'unknown'
        out.push(
          root === 'unknown' ? { root, name: node.args, range: node.range } : { root, range: node.range },
        )
        return
      }
      case '.':
      case '.?': {
        const [base, field] = node.args
        if (base.op === 'id' && ROOTS.has(base.args) && !bound.has(base.args)) {
          out.push({
            root: base.args as ContextRoot,
            name: field,
            range: { start: base.range.start, end: node.range.end },
          })
          return
        }
        visit(base, bound)
        return
      }
      case '[]':
      case '[?]': {
        const [base, key] = node.args
        if (
          base.op === 'id' &&
          ROOTS.has(base.args) &&
          !bound.has(base.args) &&
          key.op === 'value' &&
          typeof key.args === 'string'
        ) {
          out.push({
            root: base.args as ContextRoot,
            name: key.args,
            range: { start: base.range.start, end: node.range.end },
          })
          return
        }
        visit(base, bound)
        visit(key, bound)
        return
      }
      case 'rcall': {
        const [name, receiver, args] = node.args
        const first = args[0]
        const isBinding = BINDING_MACROS.has(name) && first?.op === 'id' && args.length >= 2
        const isCelBind = name === 'bind' && receiver.op === 'id' && receiver.args === 'cel'
        if (!isCelBind) visit(receiver, bound)
        const inner = isBinding && first.op === 'id' ? new Set([...bound, first.args]) : bound
        args.forEach((arg, i) => {
          if (isBinding && i === 0) return
          // cel.bind(name, init, body): init is evaluated outside the binding.
          visit(arg, isCelBind && i === 1 ? bound : inner)
        })
        return
      }
      case 'call':
        for (const arg of node.args[1]) visit(arg, bound)
        return
      case 'list':
        for (const item of node.args) visit(item, bound)
        return
      case 'map':
        for (const [key, value] of node.args) {
          visit(key, bound)
          visit(value, bound)
        }
        return
      case 'value':
        return
      case '!_':
      case '-_':
        visit(node.args, bound)
        return
      default:
        for (const child of node.args) visit(child, bound)
    }
  }
  visit(ast, new Set())
  return out
}

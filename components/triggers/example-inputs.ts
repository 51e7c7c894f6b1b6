// A sample JSON body for the webhook's curl example: each input's default, or a placeholder of its
// type for a required input without one. Optional inputs without a default are left out.
import type { ValueSpec } from '@/components/ui/typed-value'

const PLACEHOLDER: Record<ValueSpec['type'], unknown> = {
  string: 'example',
  number: 1,
  integer: 1,
  boolean: true,
  'string[]': ['example'],
  array: [],
  object: {},
}

export function exampleInputs(specs: readonly ValueSpec[]): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const spec of specs) {
    if (spec.default !== undefined) body[spec.name] = spec.default
    else if (spec.required) body[spec.name] = spec.options?.[0] ?? PLACEHOLDER[spec.type]
  }
  return body
}

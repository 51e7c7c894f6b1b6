// Pure edits of a transform step's output map for the inspector's field list: add, remove,
// rename (order kept) and set one value. The map may be invalid while the JSON view edits it.
import type { JsonValue } from '@/server/engine/json-value'

export type OutputMap = Record<string, JsonValue>

/** The output map of a step being edited; anything that is not an object reads as empty. */
export function outputOf(value: unknown): OutputMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as OutputMap) : {}
}

export function addOutputField(output: OutputMap): { output: OutputMap; key: string } {
  let n = 1
  while (Object.hasOwn(output, `field_${n}`)) n++
  const key = `field_${n}`
  return { output: { ...output, [key]: '' }, key }
}

export function removeOutputField(output: OutputMap, key: string): OutputMap {
  const { [key]: _gone, ...rest } = output
  return rest
}

/** Why `to` cannot replace `from` as a key, or undefined. */
export function checkOutputKey(output: OutputMap, from: string, to: string): string | undefined {
  if (to === from) return undefined
  if (to.trim() === '') return 'A key cannot be empty.'
  if (to.length > 200) return 'A key has at most 200 characters.'
  if (Object.hasOwn(output, to)) return `Another field is already called "${to}".`
  return undefined
}

/** Renames a key in place, keeping the order of the fields. Check the key first. */
export function renameOutputField(output: OutputMap, from: string, to: string): OutputMap {
  if (from === to || !Object.hasOwn(output, from)) return output
  return Object.fromEntries(Object.entries(output).map(([k, v]) => [k === from ? to : k, v]))
}

export function setOutputValue(output: OutputMap, key: string, value: JsonValue): OutputMap {
  return { ...output, [key]: value }
}

/** How later steps read a field: `steps.<id>.output.<key>`, or `["<key>"]` when the key is no identifier. */
export function outputReference(stepId: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
    ? `steps.${stepId}.output.${key}`
    : `steps.${stepId}.output[${JSON.stringify(key)}]`
}

/** A short summary for the canvas node: the first keys, and how many more. */
export function summarizeOutput(value: unknown, shown = 3): string | undefined {
  const keys = Object.keys(outputOf(value))
  if (keys.length === 0) return undefined
  const head = keys.slice(0, shown).join(', ')
  return keys.length > shown ? `${head} +${keys.length - shown}` : head
}

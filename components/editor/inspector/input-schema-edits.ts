// Pure edits of the workflow's run inputs (`inputs`, a JSON Schema subset) for the field
// builder: add, remove, rename (with the `inputs.<name>` references), change, require.
import { isIdentifier } from '@/server/engine/identifier'
import type { TInputProperty, TInputType } from '@/server/engine/input-schema'
import type { StepDoc, WorkflowDoc } from '@/components/canvas/canvas-types'

export interface InputField {
  name: string
  prop: TInputProperty
  required: boolean
}

type Schema = { type: 'object'; properties: Record<string, TInputProperty>; required?: string[] }

function schemaOf(doc: WorkflowDoc): Schema {
  const inputs = doc.inputs as Partial<Schema> | undefined
  const properties =
    typeof inputs?.properties === 'object' && inputs.properties !== null ? inputs.properties : {}
  const required = Array.isArray(inputs?.required) ? inputs.required : undefined
  return required ? { type: 'object', properties, required } : { type: 'object', properties }
}

/** Writes the schema back; an input list left empty removes `inputs` altogether. */
function withSchema(doc: WorkflowDoc, schema: Schema): WorkflowDoc {
  const { inputs: _old, ...rest } = doc
  if (Object.keys(schema.properties).length === 0) return rest
  const required = schema.required?.filter((n) => Object.hasOwn(schema.properties, n))
  const { required: _r, ...base } = schema
  return { ...rest, inputs: required && required.length > 0 ? { ...base, required } : base }
}

export function inputFields(doc: WorkflowDoc): InputField[] {
  const schema = schemaOf(doc)
  const required = new Set(schema.required ?? [])
  return Object.entries(schema.properties).map(([name, prop]) => ({
    name,
    prop,
    required: required.has(name),
  }))
}

export function addInputField(doc: WorkflowDoc): { doc: WorkflowDoc; name: string } {
  const schema = schemaOf(doc)
  let n = 1
  while (Object.hasOwn(schema.properties, `input_${n}`)) n++
  const name = `input_${n}`
  return {
    doc: withSchema(doc, { ...schema, properties: { ...schema.properties, [name]: { type: 'string' } } }),
    name,
  }
}

export function removeInputField(doc: WorkflowDoc, name: string): WorkflowDoc {
  const schema = schemaOf(doc)
  const { [name]: _gone, ...properties } = schema.properties
  return withSchema(doc, { ...schema, properties, required: schema.required?.filter((n) => n !== name) })
}

export function checkInputName(doc: WorkflowDoc, from: string, to: string): string | undefined {
  if (to === from) return undefined
  if (!isIdentifier(to)) {
    return 'Use letters, digits and "_", starting with a letter or "_" (at most 64), and not a reserved word such as "in".'
  }
  if (Object.hasOwn(schemaOf(doc).properties, to)) return `Another input is already called "${to}".`
  return undefined
}

function renameInStrings(value: unknown, pattern: RegExp, to: string): unknown {
  if (typeof value === 'string') return value.includes('inputs.') ? value.replace(pattern, `$1${to}`) : value
  if (Array.isArray(value)) return value.map((v) => renameInStrings(v, pattern, to))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameInStrings(v, pattern, to)]))
  }
  return value
}

/** Renames an input in place (order kept) and every `inputs.<name>` in the steps. Check the name first. */
export function renameInputField(doc: WorkflowDoc, from: string, to: string): WorkflowDoc {
  if (from === to) return doc
  const schema = schemaOf(doc)
  const properties = Object.fromEntries(
    Object.entries(schema.properties).map(([k, v]) => [k === from ? to : k, v]),
  )
  const required = schema.required?.map((n) => (n === from ? to : n))
  const pattern = new RegExp(`(\\binputs\\.)${from}\\b`, 'g')
  const steps = doc.steps.map((step) => renameInStrings(step, pattern, to) as StepDoc)
  return withSchema({ ...doc, steps }, { ...schema, properties, required })
}

/** What a type keeps: settings that mean nothing for the new type are dropped with it. */
function retype(prop: TInputProperty, type: TInputType): TInputProperty {
  const { default: _d, enum: _e, minimum, maximum, minLength, maxLength, items, ...rest } = prop
  const next: TInputProperty = { ...rest, type }
  const isNumber = type === 'number' || type === 'integer'
  if (isNumber && minimum !== undefined) next.minimum = minimum
  if (isNumber && maximum !== undefined) next.maximum = maximum
  const hasLength = type === 'string' || type === 'array'
  if (hasLength && minLength !== undefined) next.minLength = minLength
  if (hasLength && maxLength !== undefined) next.maxLength = maxLength
  if (type === 'array') next.items = items ?? { type: 'string' }
  return next
}

/** Changes one input's settings; `undefined` removes a setting. */
export function updateInputField(
  doc: WorkflowDoc,
  name: string,
  patch: Partial<TInputProperty>,
): WorkflowDoc {
  const schema = schemaOf(doc)
  const prop = schema.properties[name]
  if (!prop) return doc
  let next: TInputProperty = patch.type && patch.type !== prop.type ? retype(prop, patch.type) : { ...prop }
  const record = next as Record<string, unknown>
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'type') continue
    if (value === undefined) delete record[key]
    else record[key] = value
  }
  next = record as TInputProperty
  return withSchema(doc, { ...schema, properties: { ...schema.properties, [name]: next } })
}

export function setInputRequired(doc: WorkflowDoc, name: string, required: boolean): WorkflowDoc {
  const schema = schemaOf(doc)
  const list = (schema.required ?? []).filter((n) => n !== name)
  return withSchema(doc, { ...schema, required: required ? [...list, name] : list })
}

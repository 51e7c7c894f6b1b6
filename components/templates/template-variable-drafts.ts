// What "Save as template" edits for each `[[ name ]]` placeholder, and how the edits become the
// template's variables: the default is typed text, parsed by the variable's type.
import { parseValueText } from '@/components/ui/typed-value'
import type { TTemplateVariable, TTemplateVariableType } from '@/server/engine/workflow-template'

export type VariableDraft = {
  type: TTemplateVariableType
  required: boolean
  defaultText: string
  description: string
}

/** One optional string variable with no default per placeholder. */
export function initialDrafts(placeholders: string[]): Record<string, VariableDraft> {
  return Object.fromEntries(
    placeholders.map((p) => [p, { type: 'string', required: false, defaultText: '', description: '' }]),
  )
}

/** The variables, plus an error per variable whose default does not parse as its type. */
export function toVariables(drafts: Record<string, VariableDraft>): {
  variables: TTemplateVariable[]
  errors: Record<string, string>
} {
  const variables: TTemplateVariable[] = []
  const errors: Record<string, string> = {}
  for (const [name, d] of Object.entries(drafts)) {
    const parsed = parseValueText({ name, type: d.type }, d.defaultText)
    if (!parsed.ok) errors[name] = `Default of ${parsed.message}`
    const variable: TTemplateVariable = { name, type: d.type }
    if (d.required) variable.required = true
    if (parsed.ok && parsed.value !== undefined)
      variable.default = parsed.value as TTemplateVariable['default']
    if (d.description.trim()) variable.description = d.description.trim()
    variables.push(variable)
  }
  return { variables, errors }
}

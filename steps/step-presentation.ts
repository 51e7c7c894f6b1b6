// How a step type presents itself in the editor, declared as data so the definition stays pure:
// the inspector fields a generic form renders and the key parameters a canvas node shows.
export type FieldPath = readonly [string, ...string[]]

interface FieldBase {
  path: FieldPath
  label: string
  hint?: string
  placeholder?: string
}

/** One inspector field, rendered by the editor's generic step form. */
export type InspectorField =
  | (FieldBase & { kind: 'text'; mono?: boolean })
  /** A string with {{ }} parts (template) or a bare CEL expression (expression), checked as you type. */
  | (FieldBase & { kind: 'template' | 'expression' })
  | (FieldBase & { kind: 'json'; rows?: number; objectOnly?: boolean })
  | (FieldBase & { kind: 'select'; options: readonly (string | { value: string; label: string })[] })
  /** A duration: "30s", "1m30s" or a number of milliseconds. */
  | (FieldBase & { kind: 'duration' })
  | (FieldBase & { kind: 'number'; min?: number; max?: number })
  | (FieldBase & { kind: 'checkbox' })
  /** Comma-separated values; `numbers` turns each into a number (HTTP statuses). */
  | (FieldBase & { kind: 'list'; numbers?: boolean })
  /** A device action: free text with the fleet's announced actions offered as you type. */
  | (FieldBase & { kind: 'action' })
  /** An action's params, edited in a form generated from the schema devices announce for the action at `actionPath`. */
  | (FieldBase & { kind: 'action-params'; actionPath: FieldPath })
  /** The shared device-target group (any device, one device, a selector). */
  | { kind: 'target'; path: FieldPath }
  /** A saved workflow (a picker fed by the workflow list) and its version: `{ id, version }` at `path`. */
  | { kind: 'workflow'; path: FieldPath; label: string; hint?: string }
  /** A short explanation above the fields. */
  | { kind: 'note'; text: string }

/** One key parameter line on a canvas node. */
export interface NodeSummaryLine {
  label: string
  value: unknown
}

// The props of the code editors, shared by their lazy entry points (lazy-editors.tsx) and the
// CodeMirror components they load, which must not import the entry points back.
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import type { ExpressionMode } from './cel-tokenizer'
import type { DocumentPath } from './json-diagnostics'

export interface ExpressionInputProps {
  id: string
  /** The accessible name of the editable text (the field's label). */
  label: string
  value: string
  onChange: (value: string) => void
  mode: ExpressionMode
  placeholder?: string
  invalid?: boolean
  multiline?: boolean
}

export interface JsonEditorProps {
  label: string
  value: string
  onChange: (value: string) => void
  readOnly?: boolean
  /** Validation problems of the document the text last applied. */
  issues: readonly WorkflowIssue[]
  /** Why the text does not parse into a document, when it does not. */
  failure?: { message: string; offset?: number; path?: DocumentPath }
}

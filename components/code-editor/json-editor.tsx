'use client'
// The JSON view's CodeMirror editor: JSON highlighting, completion and hover docs from the
// published workflow JSON Schema, and the document's problems (parse failure or validation
// issues) marked where they are. Loaded lazily (see lazy-editors.tsx).
import { json, jsonLanguage } from '@codemirror/lang-json'
import { linter, type Diagnostic } from '@codemirror/lint'
import { StateEffect, type Extension } from '@codemirror/state'
import { EditorView, hoverTooltip, type ViewUpdate } from '@codemirror/view'
import CodeMirror, { type ReactCodeMirrorRef } from '@uiw/react-codemirror'
import { jsonCompletion, jsonSchemaHover, stateExtensions } from 'codemirror-json-schema'
import { useEffect, useMemo, useRef } from 'react'
import { useLatest } from '@/components/ui/use-latest'
import { workflowJsonSchema } from '@/server/engine/json-schema'
import { issueDiagnostics, parseFailureDiagnostic } from './json-diagnostics'
import type { JsonEditorProps } from './editor-props'

const problemsChanged = StateEffect.define<null>()

const refreshOnProblems = (update: ViewUpdate) =>
  update.transactions.some((tr) => tr.effects.some((e) => e.is(problemsChanged)))

const viewTheme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', border: '1px solid var(--border)', borderRadius: '6px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' },
})

let schemaExtensions: Extension[] | undefined

/** The schema is generated once, when the JSON view first opens. */
function schemaSupport(): Extension[] {
  schemaExtensions ??= [
    jsonLanguage.data.of({ autocomplete: jsonCompletion() }),
    hoverTooltip(jsonSchemaHover()),
    stateExtensions(workflowJsonSchema()),
  ]
  return schemaExtensions
}

function problemsOf(text: string, props: Pick<JsonEditorProps, 'issues' | 'failure'>): Diagnostic[] {
  return props.failure ? [parseFailureDiagnostic(text, props.failure)] : issueDiagnostics(text, props.issues)
}

export default function JsonEditor(props: JsonEditorProps) {
  const ref = useRef<ReactCodeMirrorRef>(null)
  const latest = useLatest({ issues: props.issues, failure: props.failure })
  const extensions = useMemo(
    () => [
      json(),
      schemaSupport(),
      linter((view) => problemsOf(view.state.doc.toString(), latest.current), {
        delay: 200,
        needsRefresh: refreshOnProblems,
      }),
      EditorView.contentAttributes.of({ 'aria-label': props.label }),
      viewTheme,
    ],
    [latest, props.label],
  )
  useEffect(() => {
    ref.current?.view?.dispatch({ effects: problemsChanged.of(null) })
  }, [props.issues, props.failure])
  return (
    <CodeMirror
      ref={ref}
      className="json-editor"
      value={props.value}
      onChange={props.onChange}
      readOnly={props.readOnly}
      extensions={extensions}
      height="100%"
      theme="light"
    />
  )
}

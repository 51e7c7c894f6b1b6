'use client'
// The retry policy's `retryOn`: one toggle chip per error code the runner produces (and any
// other code the policy names), plus a box to add a code a device action reports.
import { useId, useState } from 'react'
import { checkRetryCode, retryCodeChoices, toggleRetryCode } from './retry-edits'
import { useFieldIssues, type IssuePath } from './field-issues'

function AddCode({
  retryOn,
  onAdd,
}: {
  retryOn: readonly string[] | undefined
  onAdd: (code: string) => void
}) {
  const id = useId()
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string | undefined>()
  const add = () => {
    const wrong = checkRetryCode(retryOn, text)
    setProblem(wrong)
    if (wrong) return
    onAdd(text.trim())
    setText('')
  }
  return (
    <div className="field">
      <label htmlFor={id}>Other error code</label>
      <div className="button-group">
        <input
          id={id}
          className="mono"
          value={text}
          placeholder="e.g. deploy_failed"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
        <button type="button" onClick={add}>
          Add code
        </button>
      </div>
      {problem ? (
        <span className="field-error" role="alert">
          {problem}
        </span>
      ) : null}
    </div>
  )
}

export function RetryOnChips(props: {
  value: readonly string[] | undefined
  onChange: (next: string[] | undefined) => void
  /** What an empty list means here, e.g. "every retryable error". */
  inherit: string
  issuePath: IssuePath
}) {
  const issues = useFieldIssues(props.issuePath)
  const chosen = props.value ?? []
  return (
    <div className="field">
      <span className="field-label">Retry only on</span>
      <div className="suggestion-chips" role="group" aria-label="Retry on error codes">
        {retryCodeChoices(props.value).map(({ code, meaning }) => (
          <button
            key={code}
            type="button"
            className="chip mono"
            aria-pressed={chosen.includes(code)}
            title={meaning}
            onClick={() => props.onChange(toggleRetryCode(props.value, code))}
          >
            {code}
          </button>
        ))}
      </div>
      <div className="field-hint">
        {issues.map((found, n) => (
          <span key={n} className="field-error" role="alert">
            {found.message}
          </span>
        ))}
        {chosen.length === 0 ? `None chosen: ${props.inherit}.` : `Only ${chosen.join(', ')} retried.`}
      </div>
      <AddCode retryOn={props.value} onAdd={(code) => props.onChange([...chosen, code])} />
    </div>
  )
}

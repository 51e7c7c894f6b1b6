// A labelled text input in a form row: the label names the input (for people and for tests), and
// an optional error shows beneath it.
import type { InputHTMLAttributes } from 'react'

export function TextField({
  id,
  label,
  onValue,
  error,
  ...input
}: { id: string; label: string; onValue: (value: string) => void; error?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'onChange'
>) {
  return (
    <div className="form-row">
      <label htmlFor={id}>{label}</label>
      <input id={id} onChange={(e) => onValue(e.target.value)} {...input} />
      {error ? <span className="field-error">{error}</span> : null}
    </div>
  )
}

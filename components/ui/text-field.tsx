// A labelled text input in a form row: the label names the input (for people and for tests), and
// an optional error shows beneath it. `className` is added to the row's (e.g. to let it grow in an
// inline form); every other prop goes to the input.
import type { InputHTMLAttributes } from 'react'

export function TextField({
  id,
  label,
  onValue,
  error,
  className,
  ...input
}: { id: string; label: string; onValue: (value: string) => void; error?: string; className?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'onChange' | 'className'
>) {
  return (
    <div className={className ? `form-row ${className}` : 'form-row'}>
      <label htmlFor={id}>{label}</label>
      <input id={id} onChange={(e) => onValue(e.target.value)} {...input} />
      {error ? <span className="field-error">{error}</span> : null}
    </div>
  )
}

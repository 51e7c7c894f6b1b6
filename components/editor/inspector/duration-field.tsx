'use client'
// A duration typed as text: "30s", "1m30s", or a bare number of milliseconds.
import type { ReactNode } from 'react'
import type { IssuePath } from './field-issues'
import { TextField } from './fields'

/** What the document stores for the typed text: nothing, a number of ms, or the text itself. */
export function durationValue(text: string): string | number | undefined {
  if (text.trim() === '') return undefined
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim()
}

export function DurationField(props: {
  label: string
  value: string | number | undefined
  onChange: (value: string | number | undefined) => void
  placeholder?: string
  hint?: ReactNode
  issuePath?: IssuePath
}) {
  return (
    <TextField
      label={props.label}
      placeholder={props.placeholder}
      value={props.value === undefined ? '' : String(props.value)}
      onChange={(v) => props.onChange(durationValue(v))}
      hint={props.hint}
      issuePath={props.issuePath}
      mono
    />
  )
}

'use client'
// A name → JSON value map as a list of rows (variables, extra metadata): each row a name that is
// renamed when you leave it and a JSON value applied as soon as it parses.
import { useId, useState } from 'react'
import type { JsonValue } from '@/server/engine/json-value'
import type { IssuePath } from './field-issues'
import { JsonField } from './fields'
import {
  addEntry,
  checkEntryName,
  entriesOf,
  removeEntry,
  renameEntry,
  setEntry,
  type JsonEntries,
} from './json-entries-edits'

interface RowProps {
  noun: string
  name: string
  value: JsonValue
  checkName: (to: string) => string | undefined
  onRename: (to: string) => void
  onValue: (value: JsonValue) => void
  onRemove: () => void
  issuePath: IssuePath
}

function EntryRow(p: RowProps) {
  const nameId = useId()
  const [name, setName] = useState(p.name)
  const problem = p.checkName(name)
  const apply = () => {
    if (name !== p.name && !problem) p.onRename(name)
  }
  return (
    <div className="input-field" role="group" aria-label={`${p.noun} ${p.name}`}>
      <div className="field">
        <label htmlFor={nameId}>Name</label>
        <input
          id={nameId}
          className={`mono${problem ? ' invalid' : ''}`}
          value={name}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => setName(e.target.value)}
          onBlur={apply}
          onKeyDown={(e) => e.key === 'Enter' && apply()}
        />
        {problem ? (
          <span className="field-error" role="alert">
            {problem}
          </span>
        ) : null}
      </div>
      <JsonField
        label="Value (JSON)"
        value={p.value}
        onChange={(v) => p.onValue((v ?? null) as JsonValue)}
        rows={1}
        hint='JSON: "text", 42, true, [1, 2] or { "key": "value" }.'
        issuePath={[...p.issuePath, p.name]}
      />
      <button type="button" className="danger" onClick={p.onRemove}>
        Remove {p.noun.toLowerCase()} {p.name}
      </button>
    </div>
  )
}

export function JsonEntriesField(props: {
  legend: string
  /** One row's name in labels and buttons, e.g. "Variable". */
  noun: string
  value: unknown
  onChange: (next: JsonEntries | undefined) => void
  rule: { identifier: boolean; reserved?: readonly string[] }
  issuePath: IssuePath
  hint?: string
}) {
  const entries = entriesOf(props.value)
  const prefix = props.noun.toLowerCase().replace(/\W+/g, '_')
  return (
    <fieldset className="inspector-group">
      <legend>{props.legend}</legend>
      {props.hint ? <p className="field-hint">{props.hint}</p> : null}
      {Object.entries(entries).map(([name, value]) => (
        <EntryRow
          key={name}
          noun={props.noun}
          name={name}
          value={value}
          checkName={(to) => checkEntryName(entries, name, to, props.rule)}
          onRename={(to) => props.onChange(renameEntry(entries, name, to))}
          onValue={(v) => props.onChange(setEntry(entries, name, v))}
          onRemove={() => props.onChange(removeEntry(entries, name))}
          issuePath={props.issuePath}
        />
      ))}
      <button type="button" onClick={() => props.onChange(addEntry(entries, prefix).entries)}>
        Add {props.noun.toLowerCase()}
      </button>
    </fieldset>
  )
}

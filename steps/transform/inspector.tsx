'use client'
// The transform step's output map in the inspector: one row per field (a key and a template
// value), or the whole map as JSON for nested values.
import { useId, useState } from 'react'
import type { JsonValue } from '@/server/engine/json-value'
import type { StepDoc } from '@/components/canvas/canvas-types'
import { ExpressionField, JsonField, isObject } from '@/components/editor/inspector/fields'
import type { Update } from '@/components/editor/inspector/step-type-fields'
import {
  addOutputField,
  checkOutputKey,
  outputOf,
  outputReference,
  removeOutputField,
  renameOutputField,
  setOutputValue,
  type OutputMap,
} from './output-edits'

type TransformStep = Extract<StepDoc, { type: 'transform' }>

interface RowProps {
  stepId: string
  name: string
  value: JsonValue
  checkKey: (to: string) => string | undefined
  onRename: (to: string) => void
  onValue: (value: JsonValue) => void
  onRemove: () => void
}

function OutputFieldRow(p: RowProps) {
  const keyId = useId()
  const [key, setKey] = useState(p.name)
  const problem = p.checkKey(key)
  const apply = () => {
    if (key !== p.name && !problem) p.onRename(key)
  }
  return (
    <div className="input-field" role="group" aria-label={`Output field ${p.name}`}>
      <div className="field">
        <label htmlFor={keyId}>Key</label>
        <input
          id={keyId}
          className={`mono${problem ? ' invalid' : ''}`}
          value={key}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => setKey(e.target.value)}
          onBlur={apply}
          onKeyDown={(e) => e.key === 'Enter' && apply()}
        />
        <div className="field-hint">
          {problem ? (
            <span className="field-error" role="alert">
              {problem}
            </span>
          ) : (
            <>
              Read as <code>{outputReference(p.stepId, key)}</code> (renamed when you leave the field).
            </>
          )}
        </div>
      </div>
      {typeof p.value === 'string' ? (
        <ExpressionField
          label="Value"
          mode="template"
          value={p.value}
          onChange={p.onValue}
          placeholder="{{ inputs.a + inputs.b }}"
        />
      ) : (
        <JsonField
          label="Value (JSON)"
          value={p.value}
          onChange={(v) => p.onValue((v ?? null) as JsonValue)}
          rows={2}
        />
      )}
      <button type="button" className="danger" onClick={p.onRemove}>
        Remove field {p.name}
      </button>
    </div>
  )
}

export function TransformFields({ step, update }: { step: TransformStep; update: Update }) {
  const [mode, setMode] = useState<'fields' | 'json'>('fields')
  const output = outputOf(step.output)
  const set = (next: OutputMap, field: string) => update({ output: next }, field)
  return (
    <fieldset className="inspector-group">
      <legend>Output</legend>
      <div className="button-group" role="group" aria-label="Edit the output as">
        <button type="button" aria-pressed={mode === 'fields'} onClick={() => setMode('fields')}>
          Fields
        </button>
        <button type="button" aria-pressed={mode === 'json'} onClick={() => setMode('json')}>
          JSON
        </button>
      </div>
      <p className="field-hint">
        Computed by the runner, no device. A value that is exactly one {'{{ expression }}'} keeps its type
        (number, bool, list, map); other text stays text.
      </p>
      {mode === 'json' ? (
        <JsonField
          label="Output (JSON)"
          value={step.output}
          onChange={(v) => set(outputOf(v ?? {}), 'output')}
          check={isObject}
          rows={8}
        />
      ) : (
        <>
          {Object.keys(output).length === 0 ? (
            <p className="muted">No fields: the output is {'{}'}.</p>
          ) : null}
          {Object.entries(output).map(([name, value]) => (
            <OutputFieldRow
              key={name}
              stepId={step.id}
              name={name}
              value={value}
              checkKey={(to) => checkOutputKey(output, name, to)}
              onRename={(to) => set(renameOutputField(output, name, to), `output:${name}:key`)}
              onValue={(v) => set(setOutputValue(output, name, v), `output:${name}`)}
              onRemove={() => set(removeOutputField(output, name), `output:${name}:remove`)}
            />
          ))}
          <button type="button" onClick={() => set(addOutputField(output).output, 'output:add')}>
            Add output field
          </button>
        </>
      )}
    </fieldset>
  )
}

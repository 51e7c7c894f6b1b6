import { describe, expect, it } from 'vitest'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import {
  addInputField,
  checkInputName,
  inputFields,
  removeInputField,
  renameInputField,
  setInputRequired,
  updateInputField,
} from './input-schema-edits'

const base: WorkflowDoc = {
  name: 'w',
  steps: [
    {
      id: 'a',
      name: 'A',
      type: 'command',
      action: 'echo',
      params: { message: '{{ inputs.input_1 }} and {{ inputs.input_10 }}' },
    },
  ],
}

describe('input schema edits', () => {
  it('adding inputs creates the schema and picks free names', () => {
    const one = addInputField(base)
    const two = addInputField(one.doc)
    expect([one.name, two.name]).toEqual(['input_1', 'input_2'])
    expect(two.doc.inputs).toEqual({
      type: 'object',
      properties: { input_1: { type: 'string' }, input_2: { type: 'string' } },
    })
  })

  it('removing the last input removes inputs, and removes the name from required', () => {
    let doc = addInputField(base).doc
    doc = setInputRequired(doc, 'input_1', true)
    expect(doc.inputs?.required).toEqual(['input_1'])
    expect(removeInputField(doc, 'input_1')).toEqual(base)
  })

  it('renaming keeps the order, the required flag and rewrites inputs.<name> references only', () => {
    let doc = addInputField(addInputField(base).doc).doc
    doc = setInputRequired(doc, 'input_1', true)
    doc = renameInputField(doc, 'input_1', 'version')
    expect(inputFields(doc).map((f) => [f.name, f.required])).toEqual([
      ['version', true],
      ['input_2', false],
    ])
    expect(doc.steps[0]).toMatchObject({
      params: { message: '{{ inputs.version }} and {{ inputs.input_10 }}' },
    })
  })

  it('a new name must be an identifier and not taken', () => {
    const doc = addInputField(addInputField(base).doc).doc
    expect(checkInputName(doc, 'input_1', 'input_2')).toContain('already called "input_2"')
    expect(checkInputName(doc, 'input_1', '2x')).toContain('letters, digits')
    expect(checkInputName(doc, 'input_1', 'in')).toContain('reserved')
    expect(checkInputName(doc, 'input_1', 'ok_name')).toBeUndefined()
  })

  it('changing the type drops settings that no longer apply', () => {
    let doc = addInputField(base).doc
    doc = updateInputField(doc, 'input_1', {
      default: 'x',
      enum: ['x', 'y'],
      minLength: 1,
      description: 'kept',
    })
    doc = updateInputField(doc, 'input_1', { type: 'integer' })
    expect(inputFields(doc)[0]?.prop).toEqual({ type: 'integer', description: 'kept' })
    doc = updateInputField(doc, 'input_1', { type: 'array' })
    expect(inputFields(doc)[0]?.prop).toEqual({
      type: 'array',
      description: 'kept',
      items: { type: 'string' },
    })
  })

  it('undefined removes a setting', () => {
    let doc = updateInputField(addInputField(base).doc, 'input_1', { description: 'd' })
    doc = updateInputField(doc, 'input_1', { description: undefined })
    expect(inputFields(doc)[0]?.prop).toEqual({ type: 'string' })
  })
})

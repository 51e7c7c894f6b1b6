import { StringStream } from '@codemirror/language'
import { describe, expect, it } from 'vitest'
import { celStreamParser, type ExpressionMode } from './cel-tokenizer'

/** Each non-space token of a one-line text with the style the tokenizer gives it. */
function tokens(text: string, mode: ExpressionMode): [string, string | null][] {
  const parser = celStreamParser(mode)
  const state = parser.startState!(2)
  const stream = new StringStream(text, 2, 2)
  const out: [string, string | null][] = []
  while (!stream.eol()) {
    const style = parser.token(stream, state)
    if (stream.current().trim() !== '') out.push([stream.current(), style])
    stream.start = stream.pos
  }
  return out
}

describe('CEL highlighting', () => {
  it('marks context roots, field names, operators and numbers', () => {
    expect(tokens('steps.check.output.code >= 200', 'expression')).toEqual([
      ['steps', 'variableName.special'],
      ['.', 'punctuation'],
      ['check', 'propertyName'],
      ['.', 'punctuation'],
      ['output', 'propertyName'],
      ['.', 'punctuation'],
      ['code', 'propertyName'],
      ['>=', 'operator'],
      ['200', 'number'],
    ])
  })

  it('reads a string with an escaped quote as one token', () => {
    expect(tokens('"a \\" b" == x', 'expression')).toEqual([
      ['"a \\" b"', 'string'],
      ['==', 'operator'],
      ['x', 'variableName'],
    ])
  })

  it('marks keywords and function calls', () => {
    expect(tokens('size(vars.list) > 0 && true', 'expression').map(([, s]) => s)).toEqual([
      'variableName.function',
      'bracket',
      'variableName.special',
      'punctuation',
      'propertyName',
      'bracket',
      'operator',
      'number',
      'operator',
      'keyword',
    ])
  })

  it('in a template, text outside {{ }} is plain and the braces are delimiters', () => {
    expect(tokens('Deploy {{ inputs.version }} now', 'template')).toEqual([
      ['Deploy ', 'string.special'],
      ['{{', 'meta'],
      ['inputs', 'variableName.special'],
      ['.', 'punctuation'],
      ['version', 'propertyName'],
      ['}}', 'meta'],
      [' now', 'string.special'],
    ])
  })

  it('a `}}` inside a string literal does not close the expression', () => {
    expect(tokens('{{ "}}" + x }}', 'template').map(([t]) => t)).toEqual(['{{', '"}}"', '+', 'x', '}}'])
  })
})

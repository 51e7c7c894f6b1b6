// Run inputs from the command line: `--input-file` (a JSON object) overlaid with `--input k=v`
// pairs, whose values are JSON when they parse as JSON (numbers, booleans, lists) and strings otherwise.
import { readFile } from 'node:fs/promises'
import { usageError } from './cli-errors'

export function parseInputAssignment(pair: string, command: string): [string, unknown] {
  const at = pair.indexOf('=')
  const name = at < 0 ? '' : pair.slice(0, at).trim()
  if (name === '') throw usageError(`--input "${pair}" must look like name=value.`, command)
  return [name, parseInputValue(pair.slice(at + 1))]
}

/** `3` is a number, `true` a boolean, `[1,2]` a list, `"3"` the string 3, anything else a string. */
export function parseInputValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

export async function readInputFile(file: string, command: string): Promise<Record<string, unknown>> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw usageError(`Cannot read --input-file ${file} (${reason}).`, command)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw usageError(`--input-file ${file} is not valid JSON: ${(error as Error).message}`, command)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw usageError(
      `--input-file ${file} must hold a JSON object of inputs, e.g. {"version": "1.2.0"}.`,
      command,
    )
  }
  return value as Record<string, unknown>
}

export async function collectRunInputs(
  options: { file: string | undefined; pairs: string[] },
  command: string,
): Promise<Record<string, unknown>> {
  const inputs = options.file ? await readInputFile(options.file, command) : {}
  for (const pair of options.pairs) {
    const [name, value] = parseInputAssignment(pair, command)
    inputs[name] = value
  }
  return inputs
}

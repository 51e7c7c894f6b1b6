// Parses one command's arguments strictly: unknown options, missing values and stray
// arguments are usage errors that name the offending token.
import { parseArgs } from 'node:util'
import { usageError } from './cli-errors'
import { COMMON_OPTIONS, type CommandSpec, type OptionSpec, type OptionValues } from './command-spec'

export type ParsedCommandLine = { target: string | undefined; values: OptionValues; help: boolean }

export function parseCommandLine(command: CommandSpec, args: string[]): ParsedCommandLine {
  const alias = command.positional?.alias
  const options: Record<string, OptionSpec> = {
    ...COMMON_OPTIONS,
    ...command.options,
    ...(alias ? { [alias]: { type: 'string', description: command.positional?.description ?? '' } } : {}),
  }
  let parsed: { values: OptionValues; positionals: string[] }
  try {
    parsed = parseArgs({
      args,
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [
          name,
          { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    }) as { values: OptionValues; positionals: string[] }
  } catch (error) {
    throw usageError(describeParseError(error, command.name), command.name)
  }
  const help = parsed.values.help === true
  if (help) return { target: undefined, values: parsed.values, help }
  return { target: pickTarget(command, parsed), values: parsed.values, help }
}

function pickTarget(command: CommandSpec, parsed: { values: OptionValues; positionals: string[] }) {
  const spec = command.positional
  const { positionals } = parsed
  if (!spec) {
    if (positionals.length > 0) throw usageError(`Unexpected argument "${positionals[0]}".`, command.name)
    return undefined
  }
  if (positionals.length > 1) throw usageError(`Unexpected argument "${positionals[1]}".`, command.name)
  const fromOption = spec.alias ? parsed.values[spec.alias] : undefined
  if (typeof fromOption === 'string' && positionals[0] !== undefined) {
    throw usageError(
      `Give the ${spec.name} either as an argument or with --${spec.alias}, not both.`,
      command.name,
    )
  }
  const target = typeof fromOption === 'string' ? fromOption : positionals[0]
  if (target === undefined || target.trim() === '') {
    if (spec.optional) return ''
    throw usageError(`Missing <${spec.name}>: ${spec.description}.`, command.name)
  }
  return target.trim()
}

function describeParseError(error: unknown, command: string): string {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: string }).code
  const unknown = /Unknown option '([^']+)'/.exec(message)
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
    return `Unknown option ${unknown[1]} for \`relayflow ${command}\`.`
  }
  const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message)
  if (missing) return `Option ${missing[1]} needs a value.`
  return message
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

export function listOption(values: OptionValues, name: string): string[] {
  const value = values[name]
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : []
}

export function flagOption(values: OptionValues, name: string): boolean {
  return values[name] === true
}

/** A whole number option within bounds, or undefined when not given. */
export function integerOption(
  values: OptionValues,
  name: string,
  command: string,
  bounds: { min: number; max?: number },
): number | undefined {
  const raw = stringOption(values, name)
  if (raw === undefined) return undefined
  const value = Number(raw)
  const max = bounds.max ?? Number.MAX_SAFE_INTEGER
  if (!/^\d+$/.test(raw.trim()) || value < bounds.min || value > max) {
    const range = bounds.max === undefined ? `at least ${bounds.min}` : `from ${bounds.min} to ${bounds.max}`
    throw usageError(`--${name} must be a whole number ${range}, not "${raw}".`, command)
  }
  return value
}

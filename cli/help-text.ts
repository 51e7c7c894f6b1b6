// Help for the whole CLI and for each command, generated from the command specs.
import { COMMON_OPTIONS, type CommandSpec, type OptionSpec } from './command-spec'

export function overallHelp(commands: CommandSpec[]): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'Relayflow CLI: run workflows and follow runs on a Relayflow server.',
    '',
    'Usage: relayflow <command> [arguments] [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options for every command:',
    ...formatOptions(COMMON_OPTIONS),
    '',
    "Run `relayflow <command> --help` for a command's arguments and options.",
    'Exit codes: 0 ok, 1 run failed or operation refused, 2 bad command line or inputs, 3 server unreachable.',
  ].join('\n')
}

export function commandHelp(command: CommandSpec): string {
  const positional = command.positional ? ` <${command.positional.name}>` : ''
  const lines = [command.summary, '', `Usage: relayflow ${command.name}${positional} [options]`]
  if (command.positional) {
    const alias = command.positional.alias
      ? ` (or --${command.positional.alias} <${command.positional.name}>)`
      : ''
    lines.push('', 'Arguments:', `  <${command.positional.name}>${alias}  ${command.positional.description}`)
  }
  if (Object.keys(command.options).length > 0) lines.push('', 'Options:', ...formatOptions(command.options))
  lines.push('', 'Common options:', ...formatOptions(COMMON_OPTIONS))
  if (command.examples.length > 0) lines.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`))
  return lines.join('\n')
}

function formatOptions(options: Record<string, OptionSpec>): string[] {
  const labels = Object.entries(options).map(([name, o]) => {
    const short = o.short ? `-${o.short}, ` : ''
    const value = o.type === 'string' ? ` ${o.valueName ?? '<value>'}` : ''
    return [
      `${short}--${name}${value}`,
      o.multiple ? `${o.description} (repeatable)` : o.description,
    ] as const
  })
  const width = Math.max(...labels.map(([label]) => label.length))
  return labels.map(([label, description]) => `  ${label.padEnd(width)}  ${description}`)
}

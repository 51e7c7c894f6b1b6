// What a CLI command declares (name, arguments, options, help) and what it receives when run.
import type { ApiClient } from './api-client'
import type { Output } from './output'

export type OptionSpec = {
  type: 'string' | 'boolean'
  multiple?: boolean
  short?: string
  /** Shown in help after the option, e.g. `<name=value>`. */
  valueName?: string
  description: string
}

export type PositionalSpec = {
  name: string
  description: string
  /** An option that may name the same thing, e.g. `execution-id` for the npm scripts. */
  alias?: string
  /** The command also runs without it (the target is then ''). */
  optional?: boolean
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>

export type CommandContext = {
  /** The positional argument (or its alias option); '' only when the positional is optional and absent. */
  target: string
  values: OptionValues
  out: Output
  api: ApiClient
  serverUrl: string
  env: NodeJS.ProcessEnv
}

export type CommandSpec = {
  name: string
  summary: string
  positional?: PositionalSpec
  options: Record<string, OptionSpec>
  examples: string[]
  run: (context: CommandContext) => Promise<number>
}

/** Options every command accepts. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  server: {
    type: 'string',
    valueName: '<url>',
    description: 'Relayflow server URL (default: $RELAYFLOW_URL or http://localhost:3000)',
  },
  token: {
    type: 'string',
    valueName: '<token>',
    description: 'API token when the server requires sign-in (default: $RELAYFLOW_TOKEN)',
  },
  json: { type: 'boolean', description: 'Print machine-readable JSON instead of text' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
}

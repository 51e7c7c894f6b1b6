// The CLI as a function: arguments in, output written, exit code out (main entry: relayflow.ts).
import { createApiClient, resolveApiToken, resolveServerUrl, toCliError } from './api-client'
import { CliError, EXIT_OK, EXIT_USAGE } from './cli-errors'
import { parseCommandLine, stringOption } from './command-line'
import { COMMANDS } from './commands/all-commands'
import { commandHelp, overallHelp } from './help-text'
import { createOutput, type Output } from './output'

export type CliIo = { env: NodeJS.ProcessEnv; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv
  const wantsJson = args.includes('--json')
  const out = createOutput(wantsJson, io.stdout, io.stderr)
  if (name === undefined) {
    out.note(overallHelp(COMMANDS))
    return EXIT_USAGE
  }
  if (name === '--help' || name === '-h' || name === 'help') return showHelp(args[0], out)
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    const known = COMMANDS.map((c) => c.name).join(', ')
    const what = name.startsWith('-')
      ? `Unknown option ${name}; give a command first`
      : `Unknown command "${name}"`
    report(
      new CliError(`${what}. Commands: ${known}.`, EXIT_USAGE, ['See `relayflow --help`.'], 'USAGE'),
      out,
    )
    return EXIT_USAGE
  }
  let serverUrl = ''
  try {
    const parsed = parseCommandLine(command, args)
    if (parsed.help) {
      out.line(commandHelp(command))
      return EXIT_OK
    }
    serverUrl = resolveServerUrl(stringOption(parsed.values, 'server'), io.env)
    return await command.run({
      target: parsed.target ?? '',
      values: parsed.values,
      out,
      api: createApiClient(serverUrl, resolveApiToken(stringOption(parsed.values, 'token'), io.env)),
      serverUrl,
      env: io.env,
    })
  } catch (error) {
    const cliError = toCliError(error, serverUrl)
    report(cliError, out)
    return cliError.exitCode
  }
}

function showHelp(topic: string | undefined, out: Output): number {
  if (topic === undefined) {
    out.line(overallHelp(COMMANDS))
    return EXIT_OK
  }
  const command = COMMANDS.find((c) => c.name === topic)
  if (!command) {
    out.note(`Unknown command "${topic}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`)
    return EXIT_USAGE
  }
  out.line(commandHelp(command))
  return EXIT_OK
}

/** Errors go to stderr as text; with --json, to stdout as `{ "error": … }` so scripts can parse them. */
function report(error: CliError, out: Output): void {
  if (out.json) {
    out.value({
      error: {
        message: error.message,
        code: error.code ?? null,
        exitCode: error.exitCode,
        details: error.details,
      },
    })
    return
  }
  out.note(`Error: ${error.message}`)
  for (const line of error.details) out.note(`  ${line}`)
}

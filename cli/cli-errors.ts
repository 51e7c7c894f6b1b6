// Exit codes and the one error type the commands throw; main() turns it into a message and a code.

export const EXIT_OK = 0
/** The run failed, or the server refused the operation (not found, conflict). */
export const EXIT_FAILED = 1
/** The command line or the inputs were wrong: unknown command or option, invalid run inputs. */
export const EXIT_USAGE = 2
/** The server could not be reached. */
export const EXIT_UNREACHABLE = 3

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILED,
    /** Extra lines shown under the message, e.g. one per invalid field. */
    readonly details: string[] = [],
    /** The server's error code (tRPC code), for --json output. */
    readonly code?: string,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

export function usageError(message: string, command?: string): CliError {
  const hint = command ? `relayflow ${command} --help` : 'relayflow --help'
  return new CliError(message, EXIT_USAGE, [`See \`${hint}\`.`], 'USAGE')
}

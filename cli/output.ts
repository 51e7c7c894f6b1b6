// Where a command writes: results to stdout, problems to stderr; --json makes stdout machine-readable.
export interface Output {
  readonly json: boolean
  /** A line of human-readable output (stdout). */
  line(text?: string): void
  /** A machine-readable value (stdout), pretty-printed. */
  value(value: unknown): void
  /** One JSON value per line (stdout), for streams such as `logs --follow`. */
  record(value: unknown): void
  /** Progress and problems (stderr), never mixed into results. */
  note(text: string): void
}

export function createOutput(
  json: boolean,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
): Output {
  return {
    json,
    line: (text = '') => void stdout.write(`${text}\n`),
    value: (value) => void stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    record: (value) => void stdout.write(`${JSON.stringify(value)}\n`),
    note: (text) => void stderr.write(`${text}\n`),
  }
}

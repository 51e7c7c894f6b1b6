// Hard limits on workflow documents and the identifier rule shared by steps, inputs and variables.

export const MAX_STEPS = 2000
/** Serialized document size limit, measured as UTF-8 bytes of its JSON. */
export const MAX_DOCUMENT_BYTES = 1_048_576
export const MAX_EXPRESSION_LENGTH = 4096
export const MAX_WEBHOOK_RESPONSE_BYTES = 10 * 1_048_576
export const DEFAULT_WEBHOOK_RESPONSE_BYTES = 1_048_576

/** Step ids, input names and variable names: usable as CEL field names (`steps.build.output`). */
export const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/

/** CEL reserved words: an identifier equal to one of these cannot be selected with `.name`. */
export const CEL_RESERVED_WORDS: ReadonlySet<string> = new Set([
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
])

/** How deeply `workflow` steps may nest runs: a top-level run is depth 0, its children 1, and so on. */
export const MAX_CALL_DEPTH = 5

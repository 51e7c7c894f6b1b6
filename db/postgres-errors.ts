// Recognises PostgreSQL errors by SQLSTATE, whether drizzle wrapped them or not.

type PgError = { code?: string; constraint_name?: string; constraint?: string }

function findPgError(error: unknown): PgError | undefined {
  let current: unknown = error
  for (let depth = 0; current && depth < 4; depth++) {
    const candidate = current as PgError & { cause?: unknown }
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate
    current = candidate.cause
  }
  return undefined
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = findPgError(error)
  if (!pg || pg.code !== '23505') return false
  return constraint === undefined || (pg.constraint_name ?? pg.constraint) === constraint
}

/** 22P05 (jsonb) / 22021 (text): a value holding U+0000, which PostgreSQL cannot store. */
export function isUntranslatableCharacter(error: unknown): boolean {
  const code = findPgError(error)?.code
  return code === '22P05' || code === '22021'
}

/** SQLSTATE classes 22 (data exception) and 54 (program limit): the data is at fault, not the connection. */
export function isDataError(error: unknown): boolean {
  const code = findPgError(error)?.code
  return code !== undefined && (code.startsWith('22') || code.startsWith('54'))
}

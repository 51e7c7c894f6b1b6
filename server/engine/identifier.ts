// The identifier rule for step ids, input names and variable names.
import { z } from 'zod'
import { CEL_RESERVED_WORDS, IDENTIFIER_PATTERN } from './limits'

export const ZIdentifier = z
  .string()
  .regex(
    IDENTIFIER_PATTERN,
    'must start with a letter or "_" and contain only letters, digits and "_" (at most 64)',
  )
  .refine((value) => !CEL_RESERVED_WORDS.has(value), {
    message: 'is a reserved word in expressions; choose another name',
  })

export function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && IDENTIFIER_PATTERN.test(value) && !CEL_RESERVED_WORDS.has(value)
}

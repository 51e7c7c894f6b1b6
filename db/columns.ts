// Column helpers shared by the schema files: every time is a timestamptz.
import { timestamp } from 'drizzle-orm/pg-core'

export const at = (name: string) => timestamp(name, { withTimezone: true })

// The engine is pure: its non-test modules import no I/O, framework or database packages.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('.', import.meta.url))
const FORBIDDEN =
  /from\s+['"](node:|fs|net|http|https|child_process|next|react|@trpc|drizzle-orm|postgres|socket\.io|pino)/

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

describe('server/engine purity', () => {
  it('no engine module imports I/O, frameworks or the database', () => {
    const offenders = sources(root).filter((file) => FORBIDDEN.test(readFileSync(file, 'utf8')))
    expect(offenders).toEqual([])
  })
  it('engine files stay around 300 lines or less', () => {
    const long = sources(root).filter((file) => readFileSync(file, 'utf8').split('\n').length > 320)
    expect(long).toEqual([])
  })
})

// Start-up with RELAYFLOW_DATA_DIR set to a folder `mktemp -d` made (mode 0700): as root the
// embedded cluster runs as the `postgres` user, which cannot enter it. The error says which folder
// and how to fix it, instead of initdb's bare "Postgres init script failed (code: 1 …)".
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { findUnreachableFolder, startEmbeddedPostgres } from './embedded-postgres'

const made: string[] = []
const privateFolder = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relayflow-data-'))
  made.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

const isRoot = process.getuid?.() === 0

describe('a data folder the postgres user cannot enter', () => {
  it('is found above the cluster folder, and a chmod o+x lets the user through', () => {
    const dataDir = privateFolder()
    const stranger = { uid: 424_242, gid: 424_242 }
    expect(findUnreachableFolder(path.join(dataDir, 'pg'), stranger)).toMatchObject({ path: dataDir, mode: 0o700 })
    chmodSync(dataDir, 0o711)
    expect(findUnreachableFolder(path.join(dataDir, 'pg'), stranger)).toBeUndefined()
  })

  it.runIf(isRoot)('as root, start-up says which folder blocks PostgreSQL and how to fix it, before initdb', async () => {
    const dataDir = privateFolder()
    const started = startEmbeddedPostgres({ dataDir })
    await expect(started).rejects.toThrow(`cannot enter ${dataDir} (mode 0700`)
    await expect(started).rejects.toThrow(`chmod o+x ${dataDir}`)
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(false)
  })
})

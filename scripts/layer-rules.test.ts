// The layer table (.dependency-cruiser.cjs) refuses upward imports and import circles: a probe file
// placed in a low room that imports a higher one, or two that import each other, make the same
// check `npm run lint` runs fail, naming the rule.
import { execFile } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = path.resolve(import.meta.dirname, '..')
const probes: string[] = []

afterEach(() => {
  for (const probe of probes.splice(0)) rmSync(path.join(ROOT, probe), { force: true })
})

/** Writes probe files, runs the layer check on them alone and returns the rules the first one broke. */
async function violationsOf(
  file: string,
  source: string,
  others: Record<string, string> = {},
): Promise<string[]> {
  for (const [probe, text] of Object.entries({ [file]: source, ...others })) {
    probes.push(probe)
    writeFileSync(path.join(ROOT, probe), text)
  }
  const args = [
    'depcruise',
    '--config',
    '.dependency-cruiser.cjs',
    '--output-type',
    'json',
    '--max-depth',
    '2',
    file,
  ]
  const { stdout } = await run('npx', args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  )
  const report = JSON.parse(stdout) as { summary: { violations: { from: string; rule: { name: string } }[] } }
  return report.summary.violations.filter((v) => v.from === file).map((v) => v.rule.name)
}

describe('the layer table', () => {
  it('refuses the pure engine importing the runner', async () => {
    const rules = await violationsOf(
      'server/engine/zz-layer-probe.ts',
      "export { startRunner } from '@/server/runner/runner'\n",
    )
    expect(rules).toEqual(['layer-pure'])
  }, 120_000)

  it('refuses the runner importing the API, and the agent importing server code', async () => {
    expect(
      await violationsOf(
        'server/runner/zz-layer-probe.ts',
        "export { appRouter } from '@/server/api/root-router'\n",
      ),
    ).toEqual(['layer-runner'])
    expect(
      await violationsOf(
        'agent/zz-layer-probe.ts',
        "export { loadConfig } from '@/server/platform/config'\n",
      ),
    ).toEqual(['layer-agent'])
  }, 120_000)

  it('lets devices see the ports of the runner and nothing else of it', async () => {
    const port = "export type { DeviceDriver } from '@/server/runner/ports'\n"
    expect(await violationsOf('server/devices/zz-layer-probe.ts', port)).toEqual([])
    const runner = "export { startRunner } from '@/server/runner/runner'\n"
    expect(await violationsOf('server/devices/zz-layer-probe.ts', runner)).toEqual(['layer-devices'])
  }, 120_000)

  it('refuses two files of one room importing each other', async () => {
    const rules = await violationsOf(
      'server/runner/zz-circle-a.ts',
      "export { b } from './zz-circle-b'\nexport const a = 1\n",
      {
        'server/runner/zz-circle-b.ts': "export { a } from './zz-circle-a'\nexport const b = 2\n",
      },
    )
    expect(rules).toEqual(['no-circular'])
  }, 120_000)

  it('lets a room import the rooms below it', async () => {
    expect(
      await violationsOf(
        'server/runner/zz-layer-probe.ts',
        "export { rows } from '@/server/platform/sql-helpers'\n",
      ),
    ).toEqual([])
  }, 120_000)
})

// The layer table (.dependency-cruiser.cjs) refuses upward imports: a probe file placed in a low
// room that imports a higher one makes the same check `npm run lint` runs fail, naming the rule.
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

/** Writes a probe file, runs the layer check on it alone and returns the rules it broke. */
async function violationsOf(file: string, source: string): Promise<string[]> {
  probes.push(file)
  writeFileSync(path.join(ROOT, file), source)
  const args = ['depcruise', '--config', '.dependency-cruiser.cjs', '--output-type', 'json', '--max-depth', '1', file]
  const { stdout } = await run('npx', args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  )
  const report = JSON.parse(stdout) as { summary: { violations: { from: string; rule: { name: string } }[] } }
  return report.summary.violations.filter((v) => v.from === file).map((v) => v.rule.name)
}

describe('the layer table', () => {
  it('refuses the pure engine importing the runner', async () => {
    const rules = await violationsOf('server/engine/zz-layer-probe.ts', "export { startRunner } from '@/server/runner/runner'\n")
    expect(rules).toEqual(['layer-pure'])
  }, 120_000)

  it('refuses the runner importing the API, and the agent importing server code', async () => {
    expect(await violationsOf('server/runner/zz-layer-probe.ts', "export { appRouter } from '@/server/api/root-router'\n")).toEqual(['layer-runner'])
    expect(await violationsOf('agent/zz-layer-probe.ts', "export { loadConfig } from '@/server/platform/config'\n")).toEqual(['layer-agent'])
  }, 120_000)

  it('lets a room import the rooms below it', async () => {
    expect(await violationsOf('server/runner/zz-layer-probe.ts', "export { rows } from '@/server/platform/sql-helpers'\n")).toEqual([])
  }, 120_000)
})

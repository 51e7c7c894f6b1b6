// Builds the Next.js app when its sources changed since the last build, so `npm start`
// works on a fresh clone and after a pull without serving a stale build.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const INPUT_DIRS = ['app', 'components', 'server', 'steps', 'contracts', 'agent', 'public', 'db']
const INPUT_FILES = ['next.config.ts', 'package-lock.json', 'tsconfig.json']
/** Where `next build` writes; RELAYFLOW_NEXT_DIR must match next.config.ts's distDir. */
export const NEXT_DIR = path.join(root, process.env.RELAYFLOW_NEXT_DIR ?? '.next')
const HASH_FILE = path.join(NEXT_DIR, 'relayflow-source-hash')

function listFiles(dir: string, out: string[]): void {
  if (!existsSync(dir)) return
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) listFiles(full, out)
    else if (!entry.name.endsWith('.test.ts')) out.push(full)
  }
}

export function sourceHash(): string {
  const files: string[] = []
  for (const dir of INPUT_DIRS) listFiles(path.join(root, dir), files)
  for (const file of INPUT_FILES) if (existsSync(path.join(root, file))) files.push(path.join(root, file))
  const hash = createHash('sha256')
  for (const file of files.sort()) {
    hash.update(path.relative(root, file))
    hash.update(String(statSync(file).size))
    hash.update(readFileSync(file))
  }
  return hash.digest('hex')
}

export function ensureBuild(): void {
  const hash = sourceHash()
  const built = existsSync(path.join(NEXT_DIR, 'BUILD_ID')) && existsSync(HASH_FILE)
  if (built && readFileSync(HASH_FILE, 'utf8') === hash) return
  console.log('Building the web app (first start or sources changed)…')
  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next')
  // With RELAYFLOW_NEXT_DIR, `next build` adds that directory's types to tsconfig.json; put it back,
  // so the tree (and its hash) stays as built.
  const tsconfig = path.join(root, 'tsconfig.json')
  const tsconfigText = readFileSync(tsconfig, 'utf8')
  const result = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  })
  if (readFileSync(tsconfig, 'utf8') !== tsconfigText) writeFileSync(tsconfig, tsconfigText)
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status ?? 'unknown'}`)
  writeFileSync(HASH_FILE, hash)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) ensureBuild()

// `npm run bench`: runs every bench/*.bench.ts and prints one JSON document with their
// results (also written to bench/results/latest.json). Pass names to run a subset.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

type Bench = { run: () => Promise<Record<string, unknown>> }

const here = path.dirname(fileURLToPath(import.meta.url))
const wanted = process.argv.slice(2)
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort()

const results: Record<string, unknown>[] = []
for (const file of files) {
  const bench = (await import(pathToFileURL(path.join(here, file)).href)) as Bench
  const started = performance.now()
  const result = await bench.run()
  results.push({ file, ...result, benchSeconds: Number(((performance.now() - started) / 1000).toFixed(2)) })
}

const report = {
  at: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
  results,
}
mkdirSync(path.join(here, 'results'), { recursive: true })
writeFileSync(path.join(here, 'results', 'latest.json'), JSON.stringify(report, null, 2))
console.log(JSON.stringify(report, null, 2))

// Starts server/testing/runner-process.ts as a child process and resolves once it reports ready:
// how crash tests and benchmarks run several runners against one database.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'

export function spawnRunnerProcess(options: {
  databaseUrl: string
  owner: string
  env?: Record<string, string>
}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/testing/runner-process.ts'], {
    env: { ...process.env, DATABASE_URL: options.databaseUrl, RUNNER_OWNER: options.owner, ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code, signal) => reject(new Error(`runner ${options.owner} exited early (${code ?? signal})`)))
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child)
    })
  })
}

/** Resident set size of a process in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return Number((kb / 1024).toFixed(1))
}

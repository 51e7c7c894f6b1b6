// Starts another Relayflow server process (`node --import tsx server/main.ts`) for specs and
// benches that need a second node or a server of their own, and stops it cleanly.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface ServerProcess {
  url: string
  process: ChildProcess
  /** What the server wrote to stderr, for a failure message. */
  output(): string
  stop(): Promise<void>
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the server on ${url} exited with code ${child.exitCode}:\n${output()}`)
    try {
      if ((await fetch(`${url}/healthz`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`the server on ${url} did not become healthy in ${timeoutMs} ms:\n${output()}`)
}

/** Spawns server/main.ts on `port` with `env` over this process's environment; resolves once /healthz answers. */
export async function startServerProcess(options: {
  port: number
  env: Record<string, string | undefined>
  timeoutMs?: number
}): Promise<ServerProcess> {
  const url = `http://localhost:${options.port}`
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...options.env, PORT: String(options.port) },
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-8000)
  })
  const output = () => stderr
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    await exited
    clearTimeout(timer)
  }
  try {
    await waitForHealth(url, child, output, options.timeoutMs ?? 120_000)
  } catch (error) {
    await stop()
    throw error
  }
  return { url, process: child, output, stop }
}

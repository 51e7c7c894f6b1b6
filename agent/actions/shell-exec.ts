// Built-in `shell.exec`, offered only with an allow-list: runs a program with an argv (no shell, so
// no interpolation), with a timeout, output captured and size-capped, streamed as log lines, and the
// process group killed on cancel.
import { spawn } from 'node:child_process'
import { z } from 'zod'
import { ActionError, defineAction, type ActionContext, type ActionDefinition } from '../action-types'
import { isCommandAllowed } from './shell-allow-list'

const MAX_OUTPUT_BYTES = 1_048_576
const KILL_GRACE_MS = 2000

export const ZShellExecParams = z.strictObject({
  command: z.string().min(1).max(4096),
  args: z.array(z.string().max(8192)).max(256).default([]),
  cwd: z.string().max(4096).optional(),
  timeoutMs: z.number().int().min(1).max(3_600_000).default(60_000),
  maxOutputBytes: z.number().int().min(0).max(MAX_OUTPUT_BYTES).default(65_536),
  /** By default a non-zero exit fails the command. */
  allowNonZeroExit: z.boolean().default(false),
})
type ShellParams = z.output<typeof ZShellExecParams>

export function shellExecAction(allowList: readonly string[]): ActionDefinition<ShellParams> {
  return defineAction(
    'shell.exec',
    ZShellExecParams,
    async (params, context) => {
      const argv = [params.command, ...params.args]
      if (!isCommandAllowed(allowList, argv))
        throw new ActionError(
          'command_not_allowed',
          `"${argv.join(' ')}" is not in this agent's --allow-shell list (${allowList.join(', ')}).`,
        )
      const result = await runProcess(params, context)
      if (result.timedOut)
        throw new ActionError(
          'timeout',
          `"${params.command}" ran longer than ${params.timeoutMs} ms and was killed.`,
          true,
        )
      if (context.signal.aborted)
        throw new ActionError('cancelled', `"${params.command}" was killed: the command was cancelled.`)
      if (result.exitCode !== 0 && !params.allowNonZeroExit)
        throw new ActionError(
          'nonzero_exit',
          `"${params.command}" exited with ${result.exitCode ?? result.signal}: ${result.stderr.slice(-500) || result.stdout.slice(-500)}`,
        )
      return result
    },
    `Runs an allow-listed program (${allowList.join(', ')})`,
  )
}

interface ProcessResult {
  exitCode: number | null
  signal: string | null
  stdout: string
  stderr: string
  truncated: boolean
  durationMs: number
  timedOut: boolean
}

function runProcess(params: ShellParams, context: ActionContext): Promise<ProcessResult> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(params.command, params.args, {
      cwd: params.cwd,
      shell: false,
      detached: true, // its own process group, so a kill reaches its children too
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const output = { stdout: [] as Buffer[], stderr: [] as Buffer[], bytes: 0, truncated: false }
    let timedOut = false
    let killTimer: NodeJS.Timeout | undefined
    const kill = () => {
      if (child.exitCode !== null || child.pid === undefined) return
      signalGroup(child.pid, 'SIGTERM')
      killTimer ??= setTimeout(() => signalGroup(child.pid as number, 'SIGKILL'), KILL_GRACE_MS)
    }
    const timer = setTimeout(() => {
      timedOut = true
      kill()
    }, params.timeoutMs)
    context.signal.addEventListener('abort', kill, { once: true })
    for (const stream of ['stdout', 'stderr'] as const) {
      let partial = ''
      child[stream].on('data', (chunk: Buffer) => {
        const room = params.maxOutputBytes - output.bytes
        if (chunk.length > room) output.truncated = true
        if (room > 0) output[stream].push(chunk.subarray(0, room))
        output.bytes += Math.min(room, chunk.length)
        const lines = (partial + chunk.toString('utf8')).split('\n')
        partial = lines.pop() ?? ''
        for (const line of lines) context.log(line, stream)
      })
      child[stream].on('end', () => partial && context.log(partial, stream))
    }
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(new ActionError('spawn_failed', `Could not start "${params.command}": ${error.message}`))
    })
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer)
      clearTimeout(killTimer)
      context.signal.removeEventListener('abort', kill)
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(output.stdout).toString('utf8'),
        stderr: Buffer.concat(output.stderr).toString('utf8'),
        truncated: output.truncated,
        durationMs: Date.now() - started,
        timedOut,
      })
    })
  })
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    // already gone
  }
}

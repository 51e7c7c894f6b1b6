// Runs the commands a gateway sends: validates params, runs handlers with an abort signal and a
// timeout, streams log lines, and keeps results until the gateway acknowledges them, so results
// finished while disconnected are reported after the next hello. Command ids make it idempotent.
import { z } from 'zod'
import {
  describeIssues,
  PROTOCOL_LIMITS,
  ZCommandCancel,
  ZCommandRun,
  type Ack,
  type TCommandResult,
} from '../contracts/device-protocol'
import { describeJsonProblems, findJsonProblems } from '../contracts/json-guard'
import { ActionError, type ActionDefinition, type LogStream } from './action-types'

export interface CommandTransport {
  /** Connected and greeted: events may be sent. */
  isReady(): boolean
  emit(event: 'command:started' | 'command:progress' | 'command:log', payload: unknown): void
  /** Resolves with the ack, or undefined when not connected or no ack came in time. */
  request<T>(event: 'command:result', payload: unknown): Promise<Ack<T> | undefined>
}

export interface AgentLogger {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

const REMEMBERED_COMMANDS = 5000
const LOG_FLUSH_MS = 100
/** Lines kept per command while the connection is down. */
const MAX_BUFFERED_LOG_LINES = 10_000
/** Output beyond this is replaced by an error: a message over the socket limit would drop the connection. */
const MAX_RESULT_JSON_BYTES = PROTOCOL_LIMITS.messageMaxBytes - 16_384

type AckFn = (reply: Ack<unknown>) => void

export class CommandRunner {
  private readonly running = new Map<string, AbortController>()
  /** Results not yet acknowledged by the gateway. */
  private readonly unsent = new Map<string, TCommandResult>()
  /** Recently seen command ids (insertion-ordered), so a redelivery is not run twice. */
  private readonly seen = new Set<string>()
  private readonly logs = new Map<string, { stream: LogStream; line: string }[]>()
  private logTimer: NodeJS.Timeout | undefined
  private readonly droppedLines = new Map<string, number>()

  constructor(
    private readonly actions: ReadonlyMap<string, ActionDefinition>,
    private readonly transport: CommandTransport,
    private readonly logger: AgentLogger,
  ) {}

  get load(): number {
    return this.running.size
  }

  /** For hello after a reconnect. */
  report(): { running: string[]; finished: string[] } {
    return { running: [...this.running.keys()], finished: [...this.unsent.keys()] }
  }

  onRun = (payload: unknown, ack: unknown): void => {
    const reply: AckFn = typeof ack === 'function' ? (ack as AckFn) : () => {}
    const parsed = ZCommandRun.safeParse(payload)
    if (!parsed.success)
      return reply({ error: { code: 'invalid_message', message: describeIssues(parsed.error) } })
    const { commandId, action: name, params, timeoutMs } = parsed.data
    if (this.seen.has(commandId)) {
      reply({ data: { accepted: true, duplicate: true } })
      if (this.unsent.has(commandId)) void this.sendResult(commandId)
      return
    }
    const action = this.actions.get(name)
    if (!action)
      return reply({ error: { code: 'unknown_action', message: `This agent has no action "${name}".` } })
    const checked = action.schema.safeParse(params)
    if (!checked.success)
      return reply({
        error: {
          code: 'invalid_params',
          message: `Invalid params for "${name}": ${describeIssues(checked.error)}`,
        },
      })
    this.remember(commandId)
    reply({ data: { accepted: true } })
    void this.execute(commandId, action, checked.data, timeoutMs)
  }

  onCancel = (payload: unknown, ack: unknown): void => {
    const reply: AckFn = typeof ack === 'function' ? (ack as AckFn) : () => {}
    const parsed = ZCommandCancel.safeParse(payload)
    if (!parsed.success)
      return reply({ error: { code: 'invalid_message', message: describeIssues(parsed.error) } })
    const controller = this.running.get(parsed.data.commandId)
    controller?.abort(new ActionError('cancelled', `Cancelled: ${parsed.data.reason}`))
    reply({ data: { cancelled: controller !== undefined } })
  }

  /** After each hello: report what finished while disconnected. */
  resendResults(): void {
    for (const id of [...this.unsent.keys()]) void this.sendResult(id)
  }

  abortAll(reason: string): void {
    for (const controller of this.running.values())
      controller.abort(new ActionError('cancelled', reason, true))
  }

  private async execute(
    commandId: string,
    action: ActionDefinition,
    params: unknown,
    timeoutMs: number | null,
  ) {
    const controller = new AbortController()
    this.running.set(commandId, controller)
    this.transport.emit('command:started', { commandId })
    const timer =
      timeoutMs === null
        ? undefined
        : setTimeout(
            () =>
              controller.abort(
                new ActionError('timeout', `The action ran longer than ${timeoutMs} ms.`, true),
              ),
            timeoutMs,
          )
    let result: TCommandResult
    try {
      const output: unknown = await action.handler(params, {
        commandId,
        signal: controller.signal,
        timeoutMs,
        log: (line, stream = 'info') => this.log(commandId, stream, line),
        progress: (percent, message) =>
          this.transport.isReady() &&
          this.transport.emit('command:progress', { commandId, percent, message: message?.slice(0, 1000) }),
      })
      result = controller.signal.aborted
        ? failure(commandId, controller.signal.reason)
        : success(commandId, output)
    } catch (error) {
      result = failure(commandId, controller.signal.aborted ? controller.signal.reason : error)
    } finally {
      clearTimeout(timer)
      this.running.delete(commandId)
    }
    this.flushLogs()
    this.unsent.set(commandId, result)
    await this.sendResult(commandId)
  }

  private async sendResult(commandId: string): Promise<void> {
    const result = this.unsent.get(commandId)
    if (!result || !this.transport.isReady()) return
    const reply = await this.transport.request<{ applied: boolean }>('command:result', result)
    if (!reply) return // kept; sent again after the next hello
    // Not recorded yet: kept and sent again (after the next hello for hello_required).
    if ('error' in reply && (reply.error.code === 'internal_error' || reply.error.code === 'hello_required')) return
    if ('error' in reply) this.logger.warn('the gateway refused a result', { commandId, error: reply.error })
    this.unsent.delete(commandId)
  }

  private remember(commandId: string): void {
    this.seen.add(commandId)
    if (this.seen.size > REMEMBERED_COMMANDS) {
      const oldest = this.seen.values().next().value
      if (oldest !== undefined) this.seen.delete(oldest)
    }
  }

  private log(commandId: string, stream: LogStream, line: string): void {
    const lines = this.logs.get(commandId) ?? []
    // Offline, a runaway logger must not exhaust memory: keep the newest lines and say how many went.
    if (lines.length >= MAX_BUFFERED_LOG_LINES) {
      lines.shift()
      this.droppedLines.set(commandId, (this.droppedLines.get(commandId) ?? 0) + 1)
    }
    lines.push({ stream, line: line.slice(0, PROTOCOL_LIMITS.logLineMaxLength) })
    this.logs.set(commandId, lines)
    // Online, a full message goes at once rather than waiting for the timer (and being cut).
    if (lines.length >= PROTOCOL_LIMITS.maxLogLinesPerMessage && this.transport.isReady()) this.flushLogs()
    else this.logTimer ??= setTimeout(() => this.flushLogs(), LOG_FLUSH_MS)
  }

  private flushLogs(): void {
    clearTimeout(this.logTimer)
    this.logTimer = undefined
    if (!this.transport.isReady()) return
    for (const [commandId, dropped] of this.droppedLines)
      this.logs.get(commandId)?.unshift({ stream: 'info', line: `[relayflow-agent] ${dropped} log lines dropped while offline` })
    this.droppedLines.clear()
    for (const [commandId, lines] of this.logs) {
      while (lines.length > 0) {
        const stream = lines[0]?.stream ?? 'info'
        let n = 0
        while (n < lines.length && n < PROTOCOL_LIMITS.maxLogLinesPerMessage && lines[n]?.stream === stream)
          n++
        this.transport.emit('command:log', {
          commandId,
          stream,
          lines: lines.splice(0, n).map((l) => l.line),
        })
      }
    }
    this.logs.clear()
  }
}

function success(commandId: string, output: unknown): TCommandResult {
  // The gateway refuses what it cannot store (docs/device-protocol.md §5); say so here, naming the path.
  const unsafe = findJsonProblems(output, { path: ['output'], allowNul: true })
  if (unsafe.length > 0)
    return failure(commandId, new ActionError('invalid_output', describeJsonProblems(unsafe), false))
  const json = JSON.stringify(output ?? null) ?? 'null'
  if (Buffer.byteLength(json) > MAX_RESULT_JSON_BYTES)
    return failure(
      commandId,
      new ActionError(
        'output_too_large',
        `The output is ${Buffer.byteLength(json)} bytes; at most ${MAX_RESULT_JSON_BYTES} fit in a result.`,
      ),
    )
  return { commandId, ok: true, output: JSON.parse(json) as unknown }
}

function failure(commandId: string, error: unknown): TCommandResult {
  const L = PROTOCOL_LIMITS
  if (error instanceof ActionError)
    return {
      commandId,
      ok: false,
      error: {
        code: error.code.slice(0, L.errorCodeMaxLength),
        message: error.message.slice(0, L.errorMessageMaxLength),
        retryable: error.retryable,
      },
    }
  if (error instanceof z.ZodError)
    return {
      commandId,
      ok: false,
      error: { code: 'invalid_params', message: describeIssues(error), retryable: false },
    }
  const message = error instanceof Error ? error.message : String(error)
  return {
    commandId,
    ok: false,
    error: { code: 'action_failed', message: message.slice(0, L.errorMessageMaxLength), retryable: true },
  }
}

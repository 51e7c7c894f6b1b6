// What an agent action is: a name, a zod schema for its params and a handler that receives the
// parsed params, an abort signal (cancel or timeout) and functions to stream log lines and progress.
import type { z } from 'zod'

export type LogStream = 'stdout' | 'stderr' | 'info'

export interface ActionContext {
  commandId: string
  /** Aborted when the command is cancelled, times out or the agent stops; stop work promptly. */
  signal: AbortSignal
  /** The step's timeout, if any; the agent aborts the signal after it. */
  timeoutMs: number | null
  /** Streams one line to the run's logs (batched; long lines are cut at 8 KiB). */
  log(line: string, stream?: LogStream): void
  progress(percent?: number, message?: string): void
}

export type ActionHandler<P> = (params: P, context: ActionContext) => unknown

export interface ActionDefinition<P = unknown> {
  name: string
  description?: string
  schema: z.ZodType<P>
  handler: ActionHandler<P>
}

/** A failure the handler reports on purpose: a code, a message and whether retrying can help. */
export class ActionError extends Error {
  override readonly name = 'ActionError'
  constructor(
    readonly code: string,
    message: string,
    readonly retryable = false,
  ) {
    super(message)
  }
}

export function defineAction<S extends z.ZodType>(
  name: string,
  schema: S,
  handler: ActionHandler<z.output<S>>,
  description?: string,
): ActionDefinition<z.output<S>> {
  return {
    name,
    schema: schema as unknown as z.ZodType<z.output<S>>,
    handler,
    ...(description ? { description } : {}),
  }
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false)
  if (ms <= 0) return Promise.resolve(true)
  return new Promise((resolve) => {
    const done = (completed: boolean) => {
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
      resolve(completed)
    }
    const onAbort = () => done(false)
    const timer = setTimeout(() => done(true), ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/** Forgets an action's param type, for registries holding actions of many types (params are parsed first). */
export function eraseParamsType<P>(action: ActionDefinition<P>): ActionDefinition {
  return action as unknown as ActionDefinition
}

// The agent SDK: `createAgent({ server, token }).action('deploy', schema, handler).start()`.
// Connects outbound to the gateway's `/devices` namespace, says hello, heartbeats, runs commands,
// and reconnects with backoff forever (also after the server refuses or drops it).
// The parts share one AgentState: connection.ts (socket, transport, stop), hello.ts (handshake),
// heartbeat.ts, reconnect-backoff.ts; command-runner.ts runs actions and buffers their results.
import type { z } from 'zod'
import type { THelloReply } from '../contracts/device-protocol'
import { ACTION_NAME_RULE, isActionName } from '../contracts/action-name'
import { eraseParamsType, type ActionHandler } from './action-types'
import { createAgentState, type AgentOptions } from './agent-state'
import { builtinActions } from './builtin-actions'
import { CommandRunner } from './command-runner'
import { closeConnection, deviceTransport, openConnection } from './connection'

export type { AgentOptions } from './agent-state'

export interface Agent {
  action<S extends z.ZodType>(
    name: string,
    schema: S,
    handler: ActionHandler<z.output<S>>,
    options?: { description?: string },
  ): Agent
  /** Connects; resolves after the first successful hello and keeps reconnecting after that. */
  start(): Promise<THelloReply>
  stop(): Promise<void>
  readonly deviceId: string | undefined
  readonly connected: boolean
  readonly load: number
}

export function createAgent(options: AgentOptions): Agent {
  const state = createAgentState(options)
  const { actions } = state
  if (options.builtinActions !== false)
    for (const action of builtinActions({ allowShell: options.allowShell, fileRoot: options.fileRoot }))
      actions.set(action.name, action)
  const transport = deviceTransport(state)
  const runner = new CommandRunner(actions, transport, state.logger)

  const agent: Agent = {
    action(name, schema, handler, extra) {
      // The gateway refuses a hello declaring any other name, and no workflow step could target it.
      if (!isActionName(name))
        throw new Error(`Action name "${name}" ${ACTION_NAME_RULE} (at most 100 characters).`)
      actions.set(
        name,
        eraseParamsType({
          name,
          schema: schema as z.ZodType<z.output<typeof schema>>,
          handler,
          ...(extra?.description ? { description: extra.description } : {}),
        }),
      )
      return agent
    },
    start() {
      const ready = new Promise<THelloReply>((resolve) => (state.firstHello = { resolve }))
      openConnection(state, runner)
      return ready
    },
    stop() {
      closeConnection(state, runner)
      return Promise.resolve()
    },
    get deviceId() {
      return state.deviceId
    },
    get connected() {
      return transport.isReady()
    },
    get load() {
      return runner.load
    },
  }
  return agent
}

// The handshake: on every connection the agent says hello (who it is, its actions, the commands
// it is still running) and, once accepted, starts its heartbeat and resends buffered results.
import os from 'node:os'
import { z } from 'zod'
import {
  PROTOCOL_LIMITS,
  PROTOCOL_VERSION,
  type Ack,
  type TActionDescriptor,
  type THello,
  type THelloReply,
} from '../contracts/device-protocol'
import type { ActionDefinition } from './action-types'
import { AGENT_VERSION } from './agent-version'
import { ACK_TIMEOUT_MS, type AgentState } from './agent-state'
import type { CommandRunner } from './command-runner'
import { startHeartbeat } from './heartbeat'
import { scheduleReconnect } from './reconnect-backoff'

/** Each action's name, description and params JSON Schema (left out when unrepresentable or too big). */
function describeActions(actions: ReadonlyMap<string, ActionDefinition>): TActionDescriptor[] {
  return [...actions.values()].map((action) => {
    let paramsSchema: Record<string, unknown> | undefined
    try {
      paramsSchema = z.toJSONSchema(action.schema, { io: 'input', unrepresentable: 'any' })
      if (JSON.stringify(paramsSchema).length > PROTOCOL_LIMITS.paramsSchemaMaxBytes) paramsSchema = undefined
    } catch {
      paramsSchema = undefined
    }
    return {
      name: action.name,
      ...(action.description ? { description: action.description.slice(0, 500) } : {}),
      ...(paramsSchema ? { paramsSchema } : {}),
    }
  })
}

function buildHello({ options, actions }: AgentState, runner: CommandRunner): THello {
  return {
    protocol: PROTOCOL_VERSION,
    agentVersion: AGENT_VERSION,
    ...(options.name ? { name: options.name } : {}),
    tags: options.tags ?? [],
    actions: describeActions(actions),
    maxConcurrency: options.concurrency ?? 4,
    ...runner.report(),
    host: { hostname: os.hostname().slice(0, 255), platform: os.platform(), arch: os.arch() },
  }
}

/** Unanswered: drop the connection and retry. Refused: log and wait (the server disconnects us). */
export async function sayHello(state: AgentState, runner: CommandRunner): Promise<void> {
  const { socket, logger } = state
  if (!socket) return
  let reply: Ack<THelloReply>
  try {
    reply = (await socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('device:hello', buildHello(state, runner))) as Ack<THelloReply>
  } catch {
    logger.warn('no answer to hello; reconnecting')
    socket.disconnect()
    scheduleReconnect(state)
    return
  }
  if ('error' in reply) {
    logger.error('the gateway refused the hello', { error: reply.error })
    return
  }
  state.greeted = true
  state.failures = 0
  state.deviceId = reply.data.deviceId
  logger.info('connected', { deviceId: state.deviceId, name: reply.data.name, draining: reply.data.draining })
  startHeartbeat(state, socket, runner, reply.data.heartbeatMs)
  runner.resendResults()
  state.firstHello?.resolve(reply.data)
  state.firstHello = undefined
}

// The built-in demo fleet as real agents: each demo device gets a fresh token at startup and
// connects to this server's `/devices` namespace through the same protocol as any other agent.
import { sql } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '@/db/client'
import type { Logger } from '@/server/platform/logger'
import { rows } from '@/server/platform/sql-helpers'
import { ActionError, createAgent, type Agent } from '@/agent/index'
import { DEFAULT_DEMO_DEVICES, DEMO_CAPABILITIES, type DemoDeviceSpec } from './demo-fleet'
import { runDemoAction } from './demo-fleet-actions'
import { generateDeviceToken, hashDeviceToken, tokenDisplayPrefix } from '../device-tokens'

export interface DemoAgentsOptions {
  db: Db
  /** This server, as the agents reach it (loopback). */
  serverUrl: string
  logger: Logger
  devices?: DemoDeviceSpec[]
  latencyScale?: number
  /** How long startup waits for the agents' first hello. */
  connectTimeoutMs?: number
}

/** Registers (or re-keys) the demo devices and starts one in-process agent per device. A revoked demo device stays off. */
export async function startDemoAgents(
  options: DemoAgentsOptions,
): Promise<{ agents: Agent[]; stop(): Promise<void> }> {
  const log = options.logger.child({ component: 'demo-devices' })
  const scale = options.latencyScale ?? 1
  const agents: Agent[] = []
  for (const spec of options.devices ?? DEFAULT_DEMO_DEVICES) {
    const token = generateDeviceToken()
    const kept = await rows<{ id: string }>(
      options.db,
      sql`INSERT INTO devices (id, name, token_hash, token_prefix, tags, max_concurrency)
          VALUES (${spec.id}, ${spec.name}, ${hashDeviceToken(token)}, ${tokenDisplayPrefix(token)}, ${JSON.stringify(spec.tags)}::jsonb, ${spec.maxConcurrency})
          ON CONFLICT (id) DO UPDATE SET token_hash = excluded.token_hash, token_prefix = excluded.token_prefix, updated_at = now()
          WHERE devices.revoked_at IS NULL
          RETURNING id`,
    )
    if (kept.length === 0) {
      log.info({ deviceId: spec.id }, 'demo device was revoked; not starting it')
      continue
    }
    agents.push(createDemoAgent(spec, token, options.serverUrl, spec.latencyMs * scale, log))
  }
  const timeoutMs = options.connectTimeoutMs ?? 10_000
  const started = await Promise.race([
    Promise.all(agents.map((agent) => agent.start())).then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
  ])
  if (started) log.info({ devices: agents.length }, 'demo devices connected')
  else log.warn({ timeoutMs }, 'demo devices did not all connect in time; they keep trying')
  return { agents, stop: async () => void (await Promise.all(agents.map((agent) => agent.stop()))) }
}

function createDemoAgent(
  spec: DemoDeviceSpec,
  token: string,
  serverUrl: string,
  latencyMs: number,
  log: Logger,
): Agent {
  const agent = createAgent({
    server: serverUrl,
    token,
    name: spec.name,
    tags: spec.tags,
    concurrency: spec.maxConcurrency,
    builtinActions: false,
    logger: {
      info: () => {},
      warn: (message, fields) => log.warn({ deviceId: spec.id, ...fields }, message),
      error: (message, fields) => log.error({ deviceId: spec.id, ...fields }, message),
    },
  })
  for (const action of spec.capabilities ?? DEMO_CAPABILITIES)
    agent.action(action, z.record(z.string(), z.unknown()), async (params, context) => {
      const info = {
        id: spec.id,
        name: spec.name,
        tags: spec.tags,
        capabilities: [],
        maxConcurrency: spec.maxConcurrency,
        load: agent.load,
      }
      const result = await runDemoAction(info, latencyMs, {
        commandId: context.commandId,
        action,
        params,
        target: undefined,
        timeoutMs: context.timeoutMs ?? undefined,
        signal: context.signal,
      })
      if (!result.ok) throw new ActionError(result.error.code, result.error.message, result.error.retryable)
      return result.output
    })
  return agent
}

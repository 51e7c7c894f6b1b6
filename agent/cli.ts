// `relayflow-agent`: runs a device agent until SIGINT/SIGTERM, logging JSON lines to stdout.
import { createAgent } from './agent'
import { parseAgentArgs } from './cli-args'
import type { AgentLogger } from './command-runner'

const parsed = parseAgentArgs(process.argv.slice(2))
if (!parsed.ok) {
  process.stderr.write(`${parsed.message}\n`)
  process.exit(2)
}

const write = (level: string, message: string, fields?: Record<string, unknown>) =>
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields })}\n`,
  )
const logger: AgentLogger = {
  info: (message, fields) => !parsed.quiet && write('info', message, fields),
  warn: (message, fields) => write('warn', message, fields),
  error: (message, fields) => write('error', message, fields),
}

const agent = createAgent({ ...parsed.options, logger })
write('info', 'starting', { server: parsed.options.server, concurrency: parsed.options.concurrency })
void agent.start()

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void agent.stop().then(() => process.exit(0))
  })

// Parses `relayflow-agent` arguments into agent options, with messages that say what to fix.
import { parseArgs } from 'node:util'
import type { AgentOptions } from './agent'
import { parseAllowList } from './actions/shell-allow-list'

export const USAGE = `Usage: relayflow-agent --server URL --token TOKEN [options]

  --server URL          the Relayflow server, e.g. http://relayflow.internal:3000
  --token TOKEN         the device token from the fleet page (or RELAYFLOW_AGENT_TOKEN)
  --name NAME           device name shown on the fleet page
  --tags a,b            tags for routing (letters, digits, _ . : -)
  --concurrency N       commands run at once (1-256, default 4)
  --allow-shell 'p,...' enable shell.exec for these argv globs, e.g. 'uptime,df -h,git status*'
  --file-root DIR       enable file.read for files inside DIR
  --quiet               log only warnings and errors
`

export type CliResult = { ok: true; options: AgentOptions; quiet: boolean } | { ok: false; message: string }

export function parseAgentArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CliResult {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: {
        server: { type: 'string' },
        token: { type: 'string' },
        name: { type: 'string' },
        tags: { type: 'string' },
        concurrency: { type: 'string' },
        'allow-shell': { type: 'string' },
        'file-root': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values
  } catch (error) {
    return { ok: false, message: `${error instanceof Error ? error.message : String(error)}\n\n${USAGE}` }
  }
  if (values.help) return { ok: false, message: USAGE }
  const token = values.token ?? env.RELAYFLOW_AGENT_TOKEN
  if (!values.server || !/^https?:\/\//.test(values.server))
    return { ok: false, message: `--server must be an http:// or https:// URL.\n\n${USAGE}` }
  if (!token) return { ok: false, message: `--token is required (or set RELAYFLOW_AGENT_TOKEN).\n\n${USAGE}` }
  const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency)
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256)
    return { ok: false, message: '--concurrency must be a whole number from 1 to 256.' }
  const tags = (values.tags ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
  const allowShell = values['allow-shell'] ? parseAllowList(values['allow-shell']) : undefined
  return {
    ok: true,
    quiet: values.quiet === true,
    options: {
      server: values.server,
      token,
      concurrency,
      tags,
      ...(values.name ? { name: values.name } : {}),
      ...(allowShell ? { allowShell } : {}),
      ...(values['file-root'] ? { fileRoot: values['file-root'] } : {}),
    },
  }
}

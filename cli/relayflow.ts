// Entry point of the `relayflow` CLI (`npm run cli -- <command>`, `npx relayflow <command>`).
import { runCli } from './run-cli'

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
})
// Exit once stdout has flushed, so piped output is complete and idle HTTP sockets do not hold the process.
process.stdout.write('', () => process.exit(code))

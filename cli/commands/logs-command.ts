// `relayflow logs <run> [--follow]`: the run's events, one line each; --follow polls for new
// ones after the last sequence number until the run has ended and every event is printed.
import { isTerminalExecutionStatus } from '@/server/engine/run/run-status'
import { EXIT_OK } from '../cli-errors'
import { flagOption } from '../command-line'
import type { CommandSpec } from '../command-spec'
import { formatEventLine } from '../event-line'
import { POLL_INTERVAL_MS, sleep } from '../wait-for-run'

const PAGE_SIZE = 500

export const logsCommand: CommandSpec = {
  name: 'logs',
  summary: "Print a run's events (time, seq, type, step, message); --follow until it ends",
  positional: { name: 'run', description: 'the run id', alias: 'execution-id' },
  options: {
    follow: { type: 'boolean', short: 'f', description: 'Keep printing new events until the run ends' },
  },
  examples: ['relayflow logs 3f1e…-uuid --follow', 'relayflow logs 3f1e…-uuid --json | jq .type'],
  async run({ target, values, api, out }) {
    const follow = flagOption(values, 'follow')
    let afterSeq = 0
    for (;;) {
      const page = await api.runs.events.query({ id: target, afterSeq, limit: PAGE_SIZE })
      for (const event of page.events) {
        if (out.json) out.record(event)
        else out.line(formatEventLine(event))
        afterSeq = event.seq
      }
      const caughtUp = afterSeq >= page.lastSeq
      if (!caughtUp) continue
      if (!follow || isTerminalExecutionStatus(page.status)) return EXIT_OK
      await sleep(POLL_INTERVAL_MS)
    }
  },
}

// `relayflow cancel <run>`: cancels a running run; its unfinished steps are cancelled.
import { EXIT_OK } from '../cli-errors'
import type { CommandSpec } from '../command-spec'

export const cancelCommand: CommandSpec = {
  name: 'cancel',
  summary: 'Cancel a running run',
  positional: { name: 'run', description: 'the run id', alias: 'execution-id' },
  options: {},
  examples: ['relayflow cancel 3f1e…-uuid'],
  async run({ target, api, out }) {
    const result = await api.runs.cancel.mutate({ id: target })
    if (out.json) out.value(result)
    else out.line(`Run ${result.id} cancelled.`)
    return EXIT_OK
  },
}

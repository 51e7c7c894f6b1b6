// Every CLI command, in the order `relayflow --help` lists them.
import type { CommandSpec } from '../command-spec'
import { analyzeCommand } from './analyze-command'
import { cancelCommand } from './cancel-command'
import { loadTestCommand } from './load-test-command'
import { logsCommand } from './logs-command'
import { runCommand } from './run-command'
import { statusCommand } from './status-command'
import { testWorkflowCommand } from './test-workflow-command'
import { workflowStatusCommand } from './workflow-status-command'

export const COMMANDS: CommandSpec[] = [
  runCommand,
  statusCommand,
  logsCommand,
  cancelCommand,
  workflowStatusCommand,
  testWorkflowCommand,
  loadTestCommand,
  analyzeCommand,
]

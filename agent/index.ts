// The agent SDK: embed a Relayflow device in your own program and register custom actions.
export { createAgent, type Agent, type AgentOptions } from './agent'
export {
  ActionError,
  defineAction,
  type ActionContext,
  type ActionHandler,
  type ActionDefinition,
} from './action-types'
export type { AgentLogger } from './command-runner'
export { AGENT_VERSION } from './agent-version'

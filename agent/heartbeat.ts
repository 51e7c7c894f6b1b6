// The heartbeat tells the gateway the agent is alive and how loaded it is, at the interval the
// hello reply asked for; it runs only while greeted on a connection.
import type { AgentState, DeviceSocket } from './agent-state'
import type { CommandRunner } from './command-runner'

export function startHeartbeat(
  state: AgentState,
  socket: DeviceSocket,
  runner: CommandRunner,
  everyMs: number,
) {
  stopHeartbeat(state)
  state.heartbeat = setInterval(() => socket.emit('device:heartbeat', { load: runner.load }), everyMs)
}

export function stopHeartbeat(state: AgentState) {
  clearInterval(state.heartbeat)
}

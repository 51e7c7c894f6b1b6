// Reconnecting when socket.io will not do it on its own (the server refused or dropped us, or a
// hello went unanswered): exponential backoff with jitter, forever, until the agent stops.
import type { AgentState } from './agent-state'

export function scheduleReconnect(state: AgentState): void {
  if (state.stopped || state.retryTimer) return
  const { options } = state
  const base = options.reconnectDelayMs ?? 500
  const delay =
    Math.min(options.reconnectDelayMaxMs ?? 30_000, base * 2 ** Math.min(state.failures++, 10)) *
    (0.5 + Math.random() / 2)
  state.retryTimer = setTimeout(() => {
    state.retryTimer = undefined
    const { socket } = state
    if (!state.stopped && socket && !socket.connected) socket.connect()
  }, delay)
}

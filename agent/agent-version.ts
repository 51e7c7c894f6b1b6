// The agent version reported in hello.
export const AGENT_VERSION = '0.1.0'

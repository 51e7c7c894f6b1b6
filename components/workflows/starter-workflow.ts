// The document a new, empty workflow starts from: one step so it is valid and runnable.
export function starterWorkflow(name: string) {
  return {
    schemaVersion: 1,
    name,
    steps: [
      {
        id: 'hello',
        name: 'Say hello',
        type: 'command',
        action: 'echo',
        params: { message: 'Hello from Relayflow' },
        position: { x: 0, y: 0 },
      },
    ],
  }
}

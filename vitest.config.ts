import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['server/engine/**/*.test.ts', 'server/statistics/**/*.test.ts', 'steps/**/*.test.ts', 'contracts/**/*.test.ts', 'components/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['server/**/*.test.ts', 'db/**/*.test.ts', 'scripts/**/*.test.ts', 'agent/**/*.test.ts', 'cli/**/*.test.ts'],
          exclude: ['server/engine/**', 'server/statistics/**', 'node_modules/**'],
          globalSetup: ['./db/test-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // expect.poll waits for an outcome; its default 1 s would be a wall-clock threshold on a busy machine.
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
})

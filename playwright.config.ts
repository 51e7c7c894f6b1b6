// End-to-end tests: the built app served by server/main.ts on port 3100, driven in the
// system Chromium. `npm run test:e2e` builds first; `npx playwright test` needs a fresh build.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { defineConfig } from '@playwright/test'
import { STORAGE_STATE } from './e2e/fixtures/sign-in'
import { NEXT_DIR, sourceHash } from './scripts/ensure-build'
import { findChromium } from './scripts/find-chromium'

// Overridable so two e2e runs can share a machine (CONTRIBUTING.md); CI uses the defaults.
const PORT = Number(process.env.RELAYFLOW_E2E_PORT ?? 3100)
const DATA_DIR = process.env.RELAYFLOW_E2E_DATA_DIR ?? '.data/e2e'
const BASE_URL = `http://localhost:${PORT}`

/** A stale build would make the suite pass or fail against code that is no longer there. */
function assertFreshBuild(): void {
  const hashFile = path.join(NEXT_DIR, 'relayflow-source-hash')
  const isFresh = existsSync(hashFile) && readFileSync(hashFile, 'utf8') === sourceHash()
  if (!isFresh) {
    throw new Error(
      'The Next.js build is missing or older than the sources. Run `npm run test:e2e` (builds, then tests) ' +
        'or `npx tsx scripts/ensure-build.ts` before `npx playwright test`.',
    )
  }
}

// Workers load this file too; checking once, in the runner process, is enough.
// RELAYFLOW_E2E_ANY_BUILD=1: several people editing one tree at once accept a build a few edits old.
if (!process.env.TEST_WORKER_INDEX && process.env.RELAYFLOW_E2E_ANY_BUILD !== '1') assertFreshBuild()

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  workers: 1,
  retries: 0,
  // A busy machine (CI shares two cores) can take seconds to hash a password or build a page:
  // assertions wait on outcomes, and this is how long an outcome may take to show.
  expect: { timeout: 15_000 },
  reporter: 'list',
  // Signs in as an admin once; every page, context and `request` starts from that session
  // (e2e/auth-roles.spec.ts opens contexts without it on purpose).
  globalSetup: './e2e/fixtures/sign-in.ts',
  use: {
    baseURL: BASE_URL,
    storageState: STORAGE_STATE,
    trace: 'off',
    launchOptions: {
      executablePath: findChromium(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: 'node --import tsx server/main.ts',
    url: `${BASE_URL}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    // The embedded cluster under DATA_DIR is reused across runs: stop it cleanly.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    stdout: 'pipe',
    stderr: 'pipe',
    // DATABASE_URL passes through from the environment when set.
    env: {
      PORT: String(PORT),
      RELAYFLOW_DATA_DIR: DATA_DIR,
      RELAYFLOW_DEMO_DEVICES: '0',
      // What a fresh install gets, whatever the calling shell says.
      RELAYFLOW_AUTH: 'on',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
  },
})

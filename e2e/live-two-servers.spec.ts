// Two server processes on one database: Playwright's web server runs the runner, the gateway
// and the device; a second process started here serves only the web role. A run executed by the
// first is watched through the second, and its statuses change live on the page, with no reload.
import { expect, test, type APIRequestContext } from '@playwright/test'
import { z } from 'zod'
import { createAgent, type Agent } from '@/agent/index'
import { findFreePort } from '@/db/embedded-postgres'
import { uniqueName } from './fixtures'
import { callProcedure as call } from './support/trpc'
import { startServerProcess, type ServerProcess } from './support/server-process'

test.use({ viewport: { width: 1500, height: 1100 } })

/** A device on server 1 whose `hold` action runs until the test releases it. */
async function startHoldingDevice(request: APIRequestContext, baseURL: string, tag: string) {
  const { token } = await call<{ token: string }>(request, 'devices.createToken', {
    name: `e2e ${tag}`,
    tags: [tag],
    serverUrl: baseURL,
  })
  let release: () => void = () => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  const agent: Agent = createAgent({ server: baseURL, token, name: `e2e ${tag}`, tags: [tag], builtinActions: false })
  agent.action('hold', z.record(z.string(), z.unknown()), async (_params, context) => {
    context.log('holding until released')
    await released
    return { held: true }
  })
  await agent.start()
  return { agent, release }
}

test('a run executed by one server is watched live through another', async ({ page, request, baseURL }) => {
  test.setTimeout(180_000)
  // The second node gets the first one's settings (database, data dir, auth mode), only the web role.
  const webServer = test.info().config.webServer
  let second: ServerProcess | undefined
  const tag = `e2e-two-${Date.now().toString(36)}`
  const { agent, release } = await startHoldingDevice(request, baseURL ?? '', tag)
  try {
    second = await startServerProcess({
      port: await findFreePort(),
      env: { ...webServer?.env, RELAYFLOW_ROLES: 'web', RELAYFLOW_SEED: '0' },
    })
    const { workflowId } = await call<{ workflowId: string }>(request, 'workflows.create', {
      definition: {
        schemaVersion: 1,
        name: uniqueName('E2E two servers'),
        steps: [
          { id: 'approve', name: 'Approve', type: 'wait', wait: { kind: 'signal', signal: 'approval' } },
          {
            id: 'work',
            name: 'Work',
            type: 'command',
            action: 'hold',
            target: { selector: { tags: [tag] } },
            dependencies: ['approve'],
          },
        ],
      },
    })
    const { executionId } = await call<{ executionId: string }>(request, 'runs.start', { workflowId, inputs: {} })

    await page.goto(`${second.url}/runs/${executionId}`)
    expect(new URL(page.url()).port).toBe(new URL(second.url).port)
    await page.evaluate('window.__sameDocument = true')
    const status = (stepId: string) => page.locator(`.react-flow__node[data-id="${stepId}"] [data-step-status]`)
    await expect(page.getByRole('status', { name: 'Live updates' })).toHaveText(/Live/)
    await expect(status('approve')).toHaveAttribute('data-step-status', 'waiting')
    await expect(status('work')).toHaveAttribute('data-step-status', 'pending')

    // Resumed through server 2's API; server 1's runner continues the run and its device runs the command.
    await page.getByRole('button', { name: 'Resume Approve' }).click()
    await expect(status('approve')).toHaveAttribute('data-step-status', 'succeeded')
    await expect(status('work')).toHaveAttribute('data-step-status', 'running')
    await expect(page.getByRole('status', { name: 'Run status' })).toHaveText('running')

    release()
    await expect(status('work')).toHaveAttribute('data-step-status', 'succeeded')
    await expect(page.getByRole('status', { name: 'Run status' })).toHaveText('succeeded')
    expect(await page.evaluate('window.__sameDocument === true'), 'the page was not reloaded').toBe(true)
  } catch (error) {
    if (second) await test.info().attach('second server stderr', { body: second.output(), contentType: 'text/plain' })
    throw error
  } finally {
    release()
    await agent.stop()
    await second?.stop()
  }
})

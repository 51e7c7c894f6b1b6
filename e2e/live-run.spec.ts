// The live run view as an operator watches it: statuses on the canvas change as the run goes
// (no polling), the inspector shows a failed step's error, attempts, device and log lines, the
// view catches up after its socket drops, and cancel / rerun-from-failed work from the page.
import { expect, test, type APIRequestContext, type Page, type WebSocketRoute } from '@playwright/test'
import { z } from 'zod'
import { ActionError, createAgent, type Agent } from '@/agent/index'
import { uniqueName } from './fixtures'
import { callProcedure as call, queryProcedure as query } from './support/trpc'

test.use({ viewport: { width: 1500, height: 1100 } })

async function startRun(request: APIRequestContext, name: string, steps: Record<string, unknown>[]) {
  const { workflowId } = await call<{ workflowId: string }>(request, 'workflows.create', {
    definition: { schemaVersion: 1, name, steps },
  })
  const { executionId } = await call<{ executionId: string }>(request, 'runs.start', { workflowId, inputs: {} })
  return { workflowId, executionId }
}

/** A device of our own, tagged so only this spec's steps reach it, whose `fail` action logs and then fails. */
async function startFailingDevice(request: APIRequestContext, baseURL: string, tag: string): Promise<Agent> {
  const { token } = await call<{ token: string }>(request, 'devices.createToken', {
    name: `e2e ${tag}`,
    tags: [tag],
    serverUrl: baseURL,
  })
  const agent = createAgent({ server: baseURL, token, name: `e2e ${tag}`, tags: [tag], builtinActions: false })
  agent.action('fail', z.record(z.string(), z.unknown()), (_params, context) => {
    context.log('preparing the release')
    context.log('writing /var/lib/app: no space left', 'stderr')
    throw new ActionError('disk_full', 'No space left on device', false)
  })
  await agent.start()
  return agent
}

const node = (page: Page, stepId: string) => page.locator(`.react-flow__node[data-id="${stepId}"]`)
const nodeStatus = (page: Page, stepId: string) => node(page, stepId).locator('[data-step-status]')
const runStatus = (page: Page) => page.getByRole('status', { name: 'Run status' })
const inspector = (page: Page) => page.getByRole('complementary', { name: 'Step inspector' })

test('a wait step shows waiting then succeeded after Resume; a failing command turns red with its error and logs', async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(60_000)
  const tag = `e2e-${Date.now().toString(36)}`
  const agent = await startFailingDevice(request, baseURL ?? '', tag)
  try {
    const { executionId } = await startRun(request, uniqueName('E2E live'), [
      { id: 'approve', name: 'Approve', type: 'wait', wait: { kind: 'signal', signal: 'approval' } },
      {
        id: 'deploy',
        name: 'Deploy',
        type: 'command',
        action: 'fail',
        target: { selector: { tags: [tag] } },
        dependencies: ['approve'],
      },
      {
        id: 'rollback',
        name: 'Roll back',
        type: 'wait',
        wait: { kind: 'duration', duration: '10ms' },
        dependencies: [{ step: 'deploy', on: 'failure' }],
      },
    ])
    await page.goto(`/runs/${executionId}`)
    await expect(page.getByRole('status', { name: 'Live updates' })).toHaveText(/Live/)
    await expect(nodeStatus(page, 'approve')).toHaveAttribute('data-step-status', 'waiting')
    await expect(nodeStatus(page, 'approve')).toHaveText(/waiting/)
    await expect(nodeStatus(page, 'deploy')).toHaveAttribute('data-step-status', 'pending')

    await page.getByRole('button', { name: 'Resume Approve' }).click()
    await expect(nodeStatus(page, 'approve')).toHaveAttribute('data-step-status', 'succeeded')
    await expect(nodeStatus(page, 'deploy')).toHaveAttribute('data-step-status', 'failed')
    await expect(nodeStatus(page, 'rollback')).toHaveAttribute('data-step-status', 'succeeded')
    // The failure edge lit up; the success edge out of approve too.
    await expect(page.getByTestId('rf__edge-deploy->rollback:failure').locator('path[data-taken="true"]')).toHaveCount(1)
    await expect(page.getByTestId('rf__edge-approve->deploy:success').locator('path[data-taken="true"]')).toHaveCount(1)

    await node(page, 'deploy').click()
    const panel = inspector(page)
    await expect(panel.getByRole('heading', { name: /Deploy/ })).toBeVisible()
    await expect(panel.getByRole('alert', { name: 'Step error' })).toContainText('disk_full')
    await expect(panel.getByRole('alert', { name: 'Step error' })).toContainText('No space left on device')
    const attempts = panel.getByRole('table', { name: 'Step attempts' })
    await expect(attempts).toContainText('failed')
    await expect(attempts).toContainText(agent.deviceId ?? '')
    const log = panel.getByRole('list', { name: 'Log lines' })
    await expect(log).toContainText('preparing the release')
    await expect(log).toContainText('no space left')
    await expect(log).toContainText('step.failed')
    await panel.getByRole('button', { name: 'Close the step inspector' }).click()
    await expect(panel).toHaveCount(0)

    await expect(page.getByRole('region', { name: 'Timeline' }).getByRole('img', { name: /Deploy, attempt 1: running/ })).toBeVisible()
  } finally {
    await agent.stop()
  }
})

test('the view catches up after its socket drops, with no reload', async ({ page, request }) => {
  let offline = false
  let attemptsWhileOffline = 0
  const sockets: WebSocketRoute[] = []
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    // An attempt refused here never answers the page (as a stalled link would): the client must
    // give it up and try again.
    if (offline) {
      attemptsWhileOffline++
      return ws.close()
    }
    ws.connectToServer()
    sockets.push(ws)
  })
  await page.route(/\/socket\.io\/.*transport=polling/, (route) => (offline ? route.abort() : route.continue()))

  const { executionId } = await startRun(request, uniqueName('E2E catch-up'), [
    { id: 'gate', name: 'Gate', type: 'wait', wait: { kind: 'signal', signal: 'approval' } },
    { id: 'after', name: 'After', type: 'wait', wait: { kind: 'duration', duration: '10ms' }, dependencies: ['gate'] },
  ])
  await page.goto(`/runs/${executionId}`)
  await expect(nodeStatus(page, 'gate')).toHaveAttribute('data-step-status', 'waiting')
  const live = page.getByRole('status', { name: 'Live updates' })
  await expect(live).toHaveText(/Live/)

  offline = true
  for (const ws of sockets.splice(0)) await ws.close()
  await expect(live).toHaveText(/Reconnecting/)
  await call(request, 'runs.resume', { id: executionId, stepId: 'gate', signal: 'approval' })
  await expect
    .poll(async () => (await query<{ status: string }>(request, 'runs.get', { id: executionId })).status)
    .toBe('succeeded')
  // Nothing reached the page meanwhile.
  await expect(nodeStatus(page, 'gate')).toHaveAttribute('data-step-status', 'waiting')
  await expect.poll(() => attemptsWhileOffline).toBeGreaterThan(0)

  offline = false
  // A stalled attempt is given up after 5 s, then the next one waits its back-off (at most 5 s).
  await expect(live).toHaveText(/Live/, { timeout: 30_000 })
  await expect(nodeStatus(page, 'gate')).toHaveAttribute('data-step-status', 'succeeded')
  await expect(nodeStatus(page, 'after')).toHaveAttribute('data-step-status', 'succeeded')
  await expect(runStatus(page)).toHaveText('succeeded')
})

test('a run is cancelled from its view, and a failed one rerun from its failed step', async ({ page, request }) => {
  const cancelled = await startRun(request, uniqueName('E2E live cancel'), [
    { id: 'gate', name: 'Gate', type: 'wait', wait: { kind: 'signal', signal: 'approval' } },
  ])
  await page.goto(`/runs/${cancelled.executionId}`)
  await expect(nodeStatus(page, 'gate')).toHaveAttribute('data-step-status', 'waiting')
  page.once('dialog', (dialog) => void dialog.accept())
  await page.getByRole('button', { name: 'Cancel run' }).click()
  await expect(nodeStatus(page, 'gate')).toHaveAttribute('data-step-status', 'cancelled')
  await expect(runStatus(page)).toHaveText('cancelled')

  const failed = await startRun(request, uniqueName('E2E live rerun'), [
    { id: 'prepare', name: 'Prepare', type: 'wait', wait: { kind: 'duration', duration: '10ms' } },
    {
      id: 'gate',
      name: 'Gate',
      type: 'wait',
      wait: { kind: 'signal', signal: 'approval', timeout: '1s' },
      dependencies: ['prepare'],
    },
  ])
  await page.goto(`/runs/${failed.executionId}`)
  await expect(nodeStatus(page, 'gate')).toHaveAttribute('data-step-status', 'failed')
  await expect(nodeStatus(page, 'prepare')).toHaveAttribute('data-step-status', 'succeeded')
  await page.getByRole('button', { name: 'Rerun from failed' }).click()
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/)
  await expect(page).not.toHaveURL(new RegExp(`/runs/${failed.executionId}$`))
  // The rerun keeps what succeeded and runs the failed step again: it waits, then times out.
  await expect(nodeStatus(page, 'prepare')).toHaveAttribute('data-step-status', 'succeeded')
  await expect(nodeStatus(page, 'gate')).toHaveAttribute('data-step-status', /waiting|failed/)
  await expect(nodeStatus(page, 'gate')).toHaveAttribute('data-step-status', 'failed')
  await expect(runStatus(page)).toHaveText('failed')
})

test('the runs list shows new and changed runs live, keeping its filters', async ({ page, request }) => {
  const { workflowId } = await call<{ workflowId: string }>(request, 'workflows.create', {
    definition: {
      schemaVersion: 1,
      name: uniqueName('E2E live list'),
      steps: [{ id: 'gate', name: 'Gate', type: 'wait', wait: { kind: 'signal', signal: 'approval' } }],
    },
  })
  await page.goto(`/runs?workflowId=${workflowId}`)
  const table = page.getByRole('table', { name: 'Runs' })
  await expect(table).toContainText('No run matches these filters.')
  await expect(page.getByRole('status', { name: 'Live updates' })).toHaveText(/Live/)

  const { executionId } = await call<{ executionId: string }>(request, 'runs.start', { workflowId, inputs: {} })
  const row = table.locator(`tr[data-run-id="${executionId}"]`)
  await expect(row).toContainText('running')
  await call(request, 'runs.cancel', { id: executionId })
  await expect(row).toContainText('cancelled')
  await expect(page).toHaveURL(new RegExp(`/runs\\?workflowId=${workflowId}$`))
})

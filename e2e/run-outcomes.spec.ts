// How runs end, as a person sees it: a run that succeeded through a failure handler says so in
// its header and in the runs list; a Fail step from the palette ends a handler path and fails the
// run with the code and message set in its inspector. No devices: a webhook to a closed port fails.
import { expect, test, type Page } from '@playwright/test'
import { openWorkflow, uniqueName } from './fixtures'
import { callProcedure, queryProcedure } from './support/trpc'

test.use({ viewport: { width: 1700, height: 1100 } })

/** Fails at once: nothing listens on port 9. */
const failingCall = {
  id: 'call',
  name: 'Call',
  type: 'webhook',
  request: { method: 'GET', url: 'http://127.0.0.1:9/', timeout: '2s' },
  position: { x: 0, y: 0 },
}
const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`)
const runStatus = (page: Page) => page.getByRole('status', { name: 'Run status' })

async function center(page: Page, selector: string) {
  const box = await page.locator(selector).boundingBox()
  if (!box) throw new Error(`${selector} is not visible`)
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

async function connect(page: Page, from: string, kind: string, to: string) {
  const a = await center(page, `.react-flow__node[data-id="${from}"] .react-flow__handle[data-handleid="${kind}"]`)
  const b = await center(page, `.react-flow__node[data-id="${to}"] .react-flow__handle[data-handleid="in"]`)
  await page.mouse.move(a.x, a.y)
  await page.mouse.down()
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 })
  await page.mouse.move(b.x, b.y, { steps: 5 })
  await page.mouse.up()
}

test('a run that succeeded through a failure handler shows its handled failure in the header and the list', async ({
  page,
  request,
}) => {
  const { workflowId } = await callProcedure<{ workflowId: string }>(request, 'workflows.create', {
    definition: {
      schemaVersion: 1,
      name: uniqueName('E2E handled'),
      steps: [
        { ...failingCall, onFailure: 'recover' },
        { id: 'recover', name: 'Recover', type: 'wait', wait: { kind: 'duration', duration: '10ms' } },
      ],
    },
  })
  const { executionId } = await callProcedure<{ executionId: string }>(request, 'runs.start', { workflowId, inputs: {} })
  await expect
    .poll(async () => (await queryProcedure<{ status: string }>(request, 'runs.get', { id: executionId })).status, {
      timeout: 20_000,
    })
    .toBe('succeeded')

  await page.goto(`/runs/${executionId}`)
  await expect(runStatus(page)).toHaveText('succeeded')
  await expect(page.getByRole('region', { name: 'Run summary' })).toContainText('with 1 handled failure')

  await page.goto(`/workflows/${workflowId}/runs`)
  await expect(page.locator(`tr[data-run-id="${executionId}"]`)).toContainText('succeeded with 1 handled failure')
})

test('a Fail step from the palette ends the handler path and fails the run with its code and message', async ({ page }) => {
  test.setTimeout(60_000)
  await openWorkflow(page, {
    name: uniqueName('E2E fail step'),
    steps: [
      failingCall,
      {
        id: 'notify',
        name: 'Notify',
        type: 'wait',
        wait: { kind: 'duration', duration: '10ms' },
        dependencies: [{ step: 'call', on: 'failure' }],
        position: { x: 400, y: 0 },
      },
    ],
  })
  await page
    .getByRole('button', { name: 'Add Fail step' })
    .dragTo(page.locator('.editor-canvas'), { targetPosition: { x: 1100, y: 300 } })
  const fail = node(page, 'fail_1')
  await expect(fail).toContainText('workflow_failed')
  // It ends the run: it offers no output to connect.
  await expect(fail.locator('.react-flow__handle:not([data-handleid="in"])')).toHaveCount(0)

  await connect(page, 'notify', 'success', 'fail_1')
  await expect(page.locator('.react-flow__edge[data-id="notify->fail_1:success"]')).toBeVisible()
  await fail.click()
  const inspector = page.getByRole('region', { name: 'Inspector: Fail 1' })
  await inspector.getByRole('textbox', { name: 'Error code', exact: true }).fill('call_failed')
  await inspector.getByLabel('Error message').fill('Handled by notify ({{ steps.notify.status }}); failing the run.')
  await expect(fail).toContainText('call_failed')

  await page.getByRole('button', { name: 'Save…' }).click()
  await page.getByRole('button', { name: 'Save version' }).click()
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Saved as v2')
  await page.getByRole('button', { name: /Run…/ }).click()
  await page.getByRole('dialog', { name: 'Run v2' }).getByRole('button', { name: 'Start run' }).click()
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/, { timeout: 15_000 })

  await expect(runStatus(page)).toHaveText('failed', { timeout: 20_000 })
  await expect(page.getByRole('region', { name: 'Run summary' }).getByRole('alert')).toHaveText(
    'call_failed: Handled by notify (succeeded); failing the run.',
  )
})

// The editor's Triggers tab as people use it: an editor adds a cron schedule and reads what it
// means and when it fires next; enables a signed webhook, copies the curl command, runs it in a
// shell and watches the run arrive in the deliveries live; a viewer reads it all and changes nothing.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { openWorkflow, uniqueName } from './fixtures'
import { callProcedure, queryProcedure } from './support/trpc'

const run = promisify(execFile)

test.use({ viewport: { width: 1600, height: 1000 } })

/** A workflow of one in-process step, so webhook runs need no device. */
function greetingWorkflow(name: string) {
  return {
    name,
    inputs: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
    steps: [
      {
        id: 'greet',
        name: 'Greet',
        type: 'transform',
        output: { greeting: 'hello {{ inputs.name }}' },
        position: { x: 0, y: 0 },
      },
    ],
  }
}

async function openTriggers(page: Page) {
  await page.getByRole('tab', { name: 'Triggers' }).click()
  return page.getByRole('region', { name: 'Triggers' })
}

/** A viewer signed in through the API in a fresh browser context. */
async function viewerPage(browser: Browser, admin: Page): Promise<Page> {
  const email = `viewer-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}@relayflow.test`
  const password = randomBytes(12).toString('base64url')
  await callProcedure(admin.request, 'users.create', {
    email,
    name: 'Triggers viewer',
    role: 'viewer',
    password,
  })
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } })
  const response = await context.request.post('/api/trpc/auth.login', { data: { json: { email, password } } })
  expect(response.ok(), await response.text()).toBe(true)
  return context.newPage()
}

test('a schedule added in the Triggers tab says what it means and lists its next five fire times', async ({
  page,
  browser,
}) => {
  const workflowId = await openWorkflow(page, greetingWorkflow(uniqueName('E2E schedule')))
  await expect(page.getByRole('button', { name: 'Triggers: manual only' })).toBeVisible()
  const panel = await openTriggers(page)
  await panel.getByRole('button', { name: 'Add schedule' }).click()
  const form = panel.getByRole('form', { name: 'New schedule' })
  await form.getByLabel('Cron expression').fill('30 9 * * 1-5')
  await form.getByLabel('Time zone').fill('Europe/Paris')
  await expect(form.getByLabel('Schedule description')).toHaveText('At 09:30, Monday through Friday')
  await expect(form.getByRole('list', { name: 'Next fire times' }).getByRole('listitem')).toHaveCount(5)
  await form.getByLabel(/^name/).fill('Ada')
  await form.getByRole('button', { name: 'Add schedule' }).click()

  const item = panel.getByRole('listitem', { name: 'Schedule 30 9 * * 1-5 (Europe/Paris)' })
  await expect(item.getByLabel('Schedule description')).toHaveText('At 09:30, Monday through Friday')
  const times = item.getByRole('list', { name: 'Next fire times' }).getByRole('listitem')
  await expect(times).toHaveCount(5)
  for (const text of await times.allTextContents()) expect(text).toMatch(/^(Mon|Tue|Wed|Thu|Fri), .* 09:30$/)
  const { items } = await queryProcedure<{ items: { nextFireAt: string; inputs: unknown }[] }>(
    page.request,
    'triggers.schedules.list',
    { workflowId },
  )
  expect(items).toHaveLength(1)
  expect(items[0]?.inputs).toEqual({ name: 'Ada' })
  await expect(times.first().locator('time')).toHaveAttribute(
    'datetime',
    new Date(items[0]?.nextFireAt ?? '').toISOString(),
  )
  await expect(page.getByRole('button', { name: 'Triggers: 1 schedule' })).toBeVisible()

  await item.getByRole('button', { name: 'Pause' }).click()
  await expect(item.getByText('Paused: it does not fire.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Triggers: manual only' })).toBeVisible()

  const viewer = await viewerPage(browser, page)
  await viewer.goto(`/workflows/${workflowId}`)
  const seen = await openTriggers(viewer)
  await expect(seen.getByRole('listitem', { name: 'Schedule 30 9 * * 1-5 (Europe/Paris)' })).toContainText(
    'paused',
  )
  await expect(seen.getByText('Editors add, change and delete schedules.')).toBeVisible()
  await expect(
    seen.getByRole('button', { name: /^(Add schedule|Pause|Resume|Edit|Delete|Enable webhook)$/ }),
  ).toHaveCount(0)
  await viewer.context().close()
})

test('a signed webhook enabled in the Triggers tab: its copied curl command starts a run that shows up live', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await openWorkflow(page, greetingWorkflow(uniqueName('E2E webhook')))
  const panel = await openTriggers(page)
  const webhook = panel.getByRole('region', { name: 'Webhook' })
  await webhook.getByRole('button', { name: 'Enable webhook' }).click()
  const issued = webhook.getByRole('region', { name: 'New webhook URL' })
  await expect(issued.getByLabel('Signing secret')).toContainText('rfws_')
  await expect(webhook.getByText('No calls yet.', { exact: false })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Triggers: webhook' })).toBeVisible()

  await issued.getByRole('button', { name: 'Copy curl command' }).click()
  await expect(issued.getByText('Copied')).toBeVisible()
  const command = await page.evaluate(() => navigator.clipboard.readText())
  expect(command).toBe(await issued.getByLabel('curl command').textContent())
  expect(command).toContain(await issued.getByLabel('Signing secret').textContent())

  const { stdout } = await run('bash', ['-c', command])
  const { runId } = JSON.parse(stdout) as { runId: string }
  const delivery = webhook
    .getByRole('table', { name: 'Webhook deliveries' })
    .locator(`tr[data-run-id="${runId}"]`)
  await expect(delivery).toContainText('succeeded')
  await expect(delivery.getByRole('link')).toHaveAttribute('href', `/runs/${runId}`)
})

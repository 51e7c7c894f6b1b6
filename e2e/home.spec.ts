// The home page as a person lands on it: runs started elsewhere appear and change status live,
// a failing workflow shows under "Failing workflows", the online count follows a real agent, the
// start actions lead where they say, and a viewer is offered none of the actions they cannot take.
import { randomBytes } from 'node:crypto'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { createAgent, type Agent } from '@/agent/index'
import { importWorkflowFile, twoStepWorkflow, uniqueName } from './fixtures'
import { callProcedure, queryProcedure } from './support/trpc'

const NO_SESSION = { cookies: [], origins: [] }

/** Opens the home page and waits until it follows the runs room, so what follows arrives live. */
async function openHome(page: Page): Promise<void> {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Relayflow', level: 1 })).toBeVisible()
  await expect(page.getByRole('status', { name: 'Live updates' })).toHaveText(/Live/)
  await expect(page.getByRole('table', { name: 'Recent runs' }).locator('tbody tr').first()).toBeVisible()
  // A reload would drop this mark: the assertions after it prove the page changed in place.
  await page.evaluate(() => Object.assign(window, { homeNotReloaded: true }))
}

async function expectNotReloaded(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as { homeNotReloaded?: boolean }).homeNotReloaded)).toBe(true)
}

function region(page: Page, name: string): Locator {
  return page.getByRole('region', { name })
}

async function createWorkflow(page: Page, name: string, steps: unknown[]): Promise<string> {
  const { workflowId } = await callProcedure<{ workflowId: string }>(page.request, 'workflows.create', {
    definition: { schemaVersion: 1, name, steps },
  })
  return workflowId
}

async function startRun(page: Page, workflowId: string): Promise<string> {
  const { executionId } = await callProcedure<{ executionId: string }>(page.request, 'runs.start', {
    workflowId,
    inputs: {},
  })
  return executionId
}

test('a run started through the API appears in recent runs and follows its status without a reload', async ({
  page,
}) => {
  const name = uniqueName('E2E home run')
  const workflowId = await createWorkflow(page, name, [
    { id: 'gate', name: 'Gate', type: 'wait', wait: { kind: 'signal', signal: 'approval' } },
  ])
  await openHome(page)
  const executionId = await startRun(page, workflowId)
  const row = page.getByRole('table', { name: 'Recent runs' }).locator(`tr[data-run-id="${executionId}"]`)
  await expect(row).toContainText(name, { timeout: 15_000 })
  await expect(row.locator('[data-status]')).toHaveText('running')

  await callProcedure(page.request, 'runs.cancel', { id: executionId })
  await expect(row.locator('[data-status]')).toHaveText('cancelled', { timeout: 15_000 })
  await expectNotReloaded(page)
  await row.getByRole('link', { name }).click()
  await expect(page).toHaveURL(new RegExp(`/runs/${executionId}$`))
})

test('a workflow whose run fails appears under failing workflows, linking to the failed run', async ({
  page,
}) => {
  const name = uniqueName('E2E home failing')
  const workflowId = await createWorkflow(page, name, [
    { id: 'gate', name: 'Gate', type: 'wait', wait: { kind: 'signal', signal: 'never', timeout: '1s' } },
  ])
  // The list shows five workflows, most failures first and ties by the newest failure: this one
  // gets in with as many failures as the fifth has now (the e2e database is reused across runs).
  const before = await queryProcedure<{ failed: number }[]>(page.request, 'analytics.failingWorkflows', {
    range: '24h',
    limit: 5,
  })
  const failures = before.length < 5 ? 1 : (before[4]?.failed ?? 1)
  await openHome(page)
  const runIds: string[] = []
  for (let i = 0; i < failures; i++) runIds.push(await startRun(page, workflowId))

  const entry = region(page, 'Failing workflows').getByRole('listitem').filter({ hasText: name })
  await expect(entry).toContainText(`${failures} failed`, { timeout: 20_000 })
  await expectNotReloaded(page)
  await entry.getByRole('link', { name: 'latest →' }).click()
  await expect(page).toHaveURL(new RegExp(`/runs/(${runIds.join('|')})$`))
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText('failed')
})

test('the devices online count follows an agent connecting and leaving', async ({ page, baseURL }) => {
  test.setTimeout(60_000)
  const name = uniqueName('e2e home device')
  const { token, deviceId } = await callProcedure<{ token: string; deviceId: string }>(
    page.request,
    'devices.createToken',
    {
      name,
      tags: [],
      serverUrl: baseURL,
    },
  )
  await openHome(page)
  const count = page.getByTestId('devices-online-count')
  await expect(count).toHaveText(/^\d+$/)
  const before = Number(await count.textContent())

  let agent: Agent | undefined
  try {
    agent = createAgent({ server: baseURL ?? '', token, name, tags: [] })
    await agent.start()
    await expect(count).toHaveText(String(before + 1), { timeout: 15_000 })
  } finally {
    await agent?.stop()
  }
  await expect(count).toHaveText(String(before), { timeout: 15_000 })
  await expectNotReloaded(page)
  await callProcedure(page.request, 'devices.revoke', { id: deviceId })
})

test('the start actions create, import and browse', async ({ page }) => {
  await openHome(page)
  const start = region(page, 'Start')

  const name = uniqueName('E2E home new')
  await start.getByRole('button', { name: 'New workflow' }).click()
  const form = page.getByRole('form', { name: 'New workflow' })
  await form.getByLabel('Name').fill(name)
  await form.getByRole('button', { name: 'Create' }).click()
  await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]{36}$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name, { timeout: 15_000 })

  await page.goto('/')
  await start.getByRole('button', { name: 'New from template…' }).click()
  await expect(page.getByRole('dialog', { name: 'New from template' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog', { name: 'New from template' })).toHaveCount(0)

  const imported = uniqueName('E2E home import')
  await importWorkflowFile(page, 'home-import.json', JSON.stringify(twoStepWorkflow(imported)))
  await expect(start.getByRole('status')).toContainText(`Imported “${imported}”`)
  await start.getByRole('link', { name: 'Open it' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(imported, { timeout: 15_000 })

  await page.goto('/')
  await start.getByRole('link', { name: 'Browse templates →' }).click()
  await expect(page.getByRole('heading', { name: 'Templates', level: 1 })).toBeVisible()
  await page.goto('/')
  await start.getByRole('link', { name: 'All workflows →' }).click()
  await expect(page.getByRole('heading', { name: 'Workflows', level: 1 })).toBeVisible()
})

test('a viewer sees what is going on but no action their role cannot take', async ({ page, browser }) => {
  const email = `home-viewer-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}@relayflow.test`
  const password = randomBytes(12).toString('base64url')
  await callProcedure(page.request, 'users.create', {
    email,
    name: 'E2E Home Viewer',
    role: 'viewer',
    password,
  })
  const context = await browser.newContext({ storageState: NO_SESSION })
  try {
    await callProcedure(context.request, 'auth.login', { email, password })
    const viewer = await context.newPage()
    await openHome(viewer)
    // The user menu shows the role once the session is known: the page has decided what to hide.
    await expect(viewer.getByRole('button', { name: /E2E Home Viewer/ })).toContainText('viewer')
    for (const title of ['Recent runs', 'Failing workflows', 'Devices online', 'Alerts'])
      await expect(region(viewer, title)).toBeVisible()
    const start = region(viewer, 'Start')
    await expect(start.getByRole('link', { name: 'Browse templates →' })).toBeVisible()
    for (const label of ['New workflow', 'New from template…', 'Import JSON…'])
      await expect(start.getByRole('button', { name: label })).toHaveCount(0)
  } finally {
    await context.close()
  }
})

// Roles in the browser: an admin (the suite's signed-in session) creates a viewer on the users
// page; the viewer signs in through /login in a fresh context, sees no edit or run controls, and
// the server refuses those calls anyway. A visitor with no session is sent to /login.
import { randomBytes } from 'node:crypto'
import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test'
import { searchWorkflows, uniqueName, workflowRow } from './fixtures'

const NO_SESSION = { cookies: [], origins: [] }

async function call<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${procedure}`, { data: { json: input } })
  expect(response.ok(), `${procedure}: ${await response.text()}`).toBe(true)
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json
}

/** A workflow whose run waits for a signal (so it can be cancelled or resumed), and a run of it. */
async function startWaitingRun(request: APIRequestContext, name: string) {
  const { workflowId } = await call<{ workflowId: string }>(request, 'workflows.create', {
    definition: {
      schemaVersion: 1,
      name,
      steps: [{ id: 'gate', name: 'Gate', type: 'wait', wait: { kind: 'signal', signal: 'approval' } }],
    },
  })
  const { executionId } = await call<{ executionId: string }>(request, 'runs.start', {
    workflowId,
    inputs: {},
  })
  return { workflowId, executionId }
}

async function startFailedRun(request: APIRequestContext, name: string) {
  const { workflowId } = await call<{ workflowId: string }>(request, 'workflows.create', {
    definition: {
      schemaVersion: 1,
      name,
      steps: [
        { id: 'gate', name: 'Gate', type: 'wait', wait: { kind: 'signal', signal: 'never', timeout: '1s' } },
      ],
    },
  })
  return call<{ executionId: string }>(request, 'runs.start', { workflowId, inputs: {} })
}

/** Creates a viewer through Settings → Users, as an admin would. */
async function createViewer(page: Page): Promise<{ email: string; password: string }> {
  const email = `viewer-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}@relayflow.test`
  const password = randomBytes(12).toString('base64url')
  await page.goto('/settings/users')
  await page.getByRole('button', { name: 'New user' }).click()
  const form = page.getByRole('form', { name: 'New user' })
  await form.getByLabel('Email').fill(email)
  await form.getByLabel('Name').fill('E2E Viewer')
  await form.getByLabel('Role').selectOption('viewer')
  await form.getByLabel('Initial password').fill(password)
  await form.getByRole('button', { name: 'Create user' }).click()
  await expect(page.getByRole('row').filter({ hasText: email })).toContainText('viewer')
  return { email, password }
}

async function signInAs(
  browser: Browser,
  email: string,
  password: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: NO_SESSION })
  const page = await context.newPage()
  await page.goto('/workflows')
  await expect(page).toHaveURL(/\/login\?next=%2Fworkflows$/)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/workflows$/)
  // The nav's user menu shows the role once the session is known: the page has decided what to hide.
  await expect(page.getByRole('button', { name: /E2E Viewer/ })).toContainText('viewer')
  return { context, page }
}

test('a visitor without a session is sent to /login, and the API answers 401', async ({ browser }) => {
  const context = await browser.newContext({ storageState: NO_SESSION })
  try {
    const page = await context.newPage()
    await page.goto('/runs')
    await expect(page).toHaveURL(/\/login\?next=%2Fruns$/)
    await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible()
    const response = await context.request.get('/api/trpc/workflows.list')
    expect(response.status()).toBe(401)
  } finally {
    await context.close()
  }
})

test('a viewer sees no edit or run controls, and the server refuses the calls anyway', async ({
  page,
  request,
  browser,
  baseURL,
}) => {
  test.setTimeout(60_000)
  const name = uniqueName('E2E roles')
  const waiting = await startWaitingRun(request, name)
  const failed = await startFailedRun(request, uniqueName('E2E roles failed'))
  const device = await call<{ deviceId: string }>(request, 'devices.createToken', {
    name: uniqueName('e2e-roles-device'),
    tags: [],
    serverUrl: baseURL,
  })
  // The admin's view of the same pages has the controls: the absences below are about the role.
  await page.goto(`/runs/${waiting.executionId}`)
  await expect(page.getByRole('button', { name: 'Cancel run' })).toBeVisible()
  await expect(page.getByRole('form', { name: 'Resume Gate' })).toBeVisible()

  const { email, password } = await createViewer(page)
  const viewer = await signInAs(browser, email, password)
  try {
    const v = viewer.page
    await searchWorkflows(v, name)
    await expect(workflowRow(v, name).getByRole('button', { name: 'Export' })).toBeVisible()
    for (const label of ['Archive', 'Delete'])
      await expect(workflowRow(v, name).getByRole('button', { name: label })).toHaveCount(0)
    for (const label of ['New workflow', 'New from template…', 'Import JSON…'])
      await expect(v.getByRole('button', { name: label })).toHaveCount(0)

    await v.goto(`/workflows/${waiting.workflowId}`)
    await expect(v.getByRole('note').filter({ hasText: 'Read only' })).toBeVisible()
    for (const label of ['Save…', '▶ Run…', 'Duplicate', 'Save as template…'])
      await expect(v.getByRole('button', { name: label, exact: true })).toHaveCount(0)

    await v.goto(`/runs/${waiting.executionId}`)
    await expect(v.getByText('Your role cannot resume it.')).toBeVisible()
    await expect(v.getByRole('button', { name: 'Cancel run' })).toHaveCount(0)
    await expect(v.getByRole('form', { name: 'Resume Gate' })).toHaveCount(0)

    await v.goto(`/runs/${failed.executionId}`)
    await expect(v.getByRole('status', { name: 'Run status' })).toHaveText('failed', { timeout: 15_000 })
    await expect(v.getByRole('button', { name: 'Rerun from failed' })).toHaveCount(0)

    await v.goto('/devices')
    const row = v.getByRole('row').filter({ has: v.getByText(device.deviceId, { exact: true }) })
    await expect(row).toBeVisible()
    for (const label of ['Drain', 'Revoke'])
      await expect(row.getByRole('button', { name: label })).toHaveCount(0)
    await expect(v.getByRole('button', { name: 'Create token' })).toHaveCount(0)

    await v.goto('/templates')
    await expect(v.getByRole('heading', { name: 'Templates' })).toBeVisible()
    await expect(v.locator('.card h2').first()).toBeVisible()
    await expect(v.getByRole('button', { name: 'Use template' })).toHaveCount(0)

    // The server is the authority: the same calls with the viewer's cookie are refused.
    const refused: [string, unknown][] = [
      ['workflows.create', { definition: { schemaVersion: 1, name: uniqueName('E2E viewer'), steps: [] } }],
      ['runs.start', { workflowId: waiting.workflowId, inputs: {} }],
      ['runs.cancel', { id: waiting.executionId }],
      ['runs.rerun', { id: failed.executionId }],
      ['devices.drain', { id: device.deviceId, draining: true }],
      ['devices.revoke', { id: device.deviceId }],
    ]
    for (const [procedure, input] of refused) {
      const response = await viewer.context.request.post(`/api/trpc/${procedure}`, { data: { json: input } })
      expect(response.status(), procedure).toBe(403)
    }
    // Reads still work with that cookie.
    const runs = await viewer.context.request.get(
      `/api/trpc/runs.get?input=${encodeURIComponent(JSON.stringify({ json: { id: waiting.executionId } }))}`,
    )
    expect(runs.status()).toBe(200)
  } finally {
    await viewer.context.close()
    await call(request, 'runs.cancel', { id: waiting.executionId })
  }
})

test('signed-in pages are private to the browser and send one Referrer-Policy (issue 16, finding 10)', async ({
  page,
}) => {
  for (const path of ['/workflows', '/settings/users', '/']) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(200)
    const headers = response?.headers() ?? {}
    expect(headers['cache-control'], path).toBe('private, no-store')
    expect(headers['referrer-policy'], path).toBe('same-origin')
  }
})

// Every field of the workflow document edited as a person would, in the inspector and never in
// the JSON view: the whole retry policy with its retryOn chips, timeouts, the concurrency limit,
// error handling and variables; saved, then read back through the API exactly as set.
import { expect, test, type Locator, type Page } from '@playwright/test'
import { openWorkflow, uniqueName } from './fixtures'
import { canvasNode } from './fixtures/canvas'
import { queryProcedure } from './support/trpc'

test.use({ viewport: { width: 1600, height: 1000 } })

const deploy = { id: 'deploy', type: 'command', name: 'Deploy', action: 'echo', position: { x: 0, y: 0 } }

/** The `.field` row around the input labelled `label`, where its inline problems show. */
const fieldRow = (scope: Locator, label: string) =>
  scope.locator('.field').filter({ has: scope.page().getByLabel(label, { exact: true }) })

async function addVariable(scope: Locator, name: string, json: string) {
  const before = await scope.getByRole('group', { name: /^Variable / }).count()
  await scope.getByRole('button', { name: 'Add variable' }).click()
  const row = scope.getByRole('group', { name: /^Variable / }).nth(before)
  await row.getByLabel('Name', { exact: true }).fill(name)
  await row.getByLabel('Name', { exact: true }).press('Enter')
  const named = scope.getByRole('group', { name: `Variable ${name}` })
  await named.getByLabel('Value (JSON)').fill(json)
}

async function setStepRetry(inspector: Locator) {
  const retry = inspector.getByRole('group', { name: 'Retry policy' })
  await retry.getByLabel('Max attempts').fill('4')
  await retry.getByLabel('Backoff').selectOption('fixed')
  await retry.getByLabel('Initial delay').fill('2s')
  await retry.getByLabel('Multiplier').fill('3')
  await retry.getByLabel('Max delay').fill('1m')
  await retry.getByLabel('Jitter').fill('0')
  const chips = retry.getByRole('group', { name: 'Retry on error codes' })
  await chips.getByRole('button', { name: 'timeout', exact: true }).click()
  await chips.getByRole('button', { name: 'device_lost', exact: true }).click()
  await chips.getByRole('button', { name: 'no_capable_device', exact: true }).click()
  await chips.getByRole('button', { name: 'device_lost', exact: true }).click() // changed my mind
  await retry.getByLabel('Other error code').fill('flaky_disk')
  await retry.getByRole('button', { name: 'Add code' }).click()
  await expect(chips.getByRole('button', { name: 'flaky_disk' })).toHaveAttribute('aria-pressed', 'true')
  await expect(chips.getByRole('button', { name: 'device_lost', exact: true })).toHaveAttribute('aria-pressed', 'false')
}

async function setWorkflowSettings(page: Page) {
  const settings = page.getByRole('region', { name: 'Workflow settings' })
  await settings.getByLabel('Run timeout').fill('2h')
  await settings.getByLabel('Concurrent runs limit').fill('3')
  await settings.getByLabel('When a run starts at the limit').selectOption('cancel-new')
  await settings.getByLabel('When a step fails unhandled').selectOption('continue')
  await addVariable(settings, 'region', '"eu-west"')
  await addVariable(settings, 'hosts', '["a", "b"]')
  await settings.getByLabel('Owner').fill('platform team')
}

test('every retry field, timeouts, concurrency, error handling and variables are set in the inspector and saved', async ({
  page,
}) => {
  test.setTimeout(90_000) // a long walk through the inspector, on a 2-core machine shared with builds
  const workflowId = await openWorkflow(page, { name: uniqueName('E2E fields'), steps: [deploy] })
  await setWorkflowSettings(page)

  await canvasNode(page, 'deploy').click()
  const inspector = page.getByRole('region', { name: 'Inspector: Deploy' })
  await inspector.getByLabel('Timeout (one attempt)').fill('45s')
  await inspector.getByLabel('Placement timeout').fill('10s')
  await setStepRetry(inspector)
  await addVariable(inspector.getByRole('group', { name: 'Step variables' }), 'attempt_note', '{ "why": "canary" }')

  await page.getByRole('button', { name: 'Save…' }).click()
  await page.getByRole('button', { name: 'Save version' }).click()
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Saved as v2')

  const saved = await queryProcedure<{ version: number; definition: Record<string, unknown> }>(
    page.request,
    'workflows.get',
    { id: workflowId },
  )
  expect(saved.version).toBe(2)
  const doc = saved.definition
  expect(doc.timeout).toBe('2h')
  expect(doc.concurrency).toEqual({ limit: 3, whenLimited: 'cancel-new' })
  expect(doc.errorHandling).toEqual({ strategy: 'continue' })
  expect(doc.variables).toEqual({ region: 'eu-west', hosts: ['a', 'b'] })
  expect(doc.metadata).toEqual({ owner: 'platform team' })
  const [step] = doc.steps as Record<string, unknown>[]
  expect(step?.timeout).toBe('45s')
  expect(step?.placementTimeout).toBe('10s')
  expect(step?.variables).toEqual({ attempt_note: { why: 'canary' } })
  expect(step?.retryPolicy).toEqual({
    maxAttempts: 4,
    backoff: 'fixed',
    initialDelay: '2s',
    multiplier: 3,
    maxDelay: '1m',
    jitter: 0,
    retryOn: ['timeout', 'no_capable_device', 'flaky_disk'],
  })
})

test('a bad value shows an inline error naming the field, and a fixed one clears it', async ({ page }) => {
  await openWorkflow(page, { name: uniqueName('E2E bad field'), steps: [deploy] })
  const settings = page.getByRole('region', { name: 'Workflow settings' })
  await settings.getByRole('group', { name: 'Retry policy' }).getByLabel('Jitter').fill('5')
  const jitter = fieldRow(settings, 'Jitter')
  await expect(jitter.getByRole('alert')).toHaveText('Field retryPolicy.jitter must be at most 1, got number 5.')
  await settings.getByLabel('Jitter').fill('0.5')
  await expect(jitter.getByRole('alert')).toHaveCount(0)

  await canvasNode(page, 'deploy').click()
  const inspector = page.getByRole('region', { name: 'Inspector: Deploy' })
  await inspector.getByLabel('Timeout (one attempt)').fill('soon')
  await expect(fieldRow(inspector, 'Timeout (one attempt)').getByRole('alert')).toContainText(
    'Step "deploy" field timeout must be a duration',
  )
})

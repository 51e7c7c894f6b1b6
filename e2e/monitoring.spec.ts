// The /monitoring page as an operator uses it: the health cards and rules are there, a user rule
// is created with the editor, and lowering its threshold makes its alert fire on the page and bell.
import { expect, test, type APIRequestContext } from '@playwright/test'
import { uniqueName } from './fixtures'
import { callProcedure as mutate } from './support/trpc'

/** A run that fails at once: its webhook step calls a port nothing listens on. */
async function startFailingRun(request: APIRequestContext) {
  const { workflowId } = await mutate<{ workflowId: string }>(request, 'workflows.create', {
    definition: {
      schemaVersion: 1,
      name: uniqueName('E2E monitoring failure'),
      steps: [
        {
          id: 'call',
          name: 'Call nowhere',
          type: 'webhook',
          request: { method: 'GET', url: 'http://127.0.0.1:9/', timeout: '2s' },
        },
      ],
    },
  })
  await mutate(request, 'runs.start', { workflowId, inputs: {} })
}

test('the monitoring page shows health cards, and an alert fires after its threshold is lowered', async ({
  page,
  request,
}) => {
  await startFailingRun(request)
  await page.goto('/monitoring')
  await expect(page.getByRole('heading', { name: 'Monitoring' })).toBeVisible()
  for (const card of [
    'Runs running',
    'Queue depth',
    'Dispatch p95 (5 min)',
    'Failure rate (5 min)',
    'Device utilization',
  ]) {
    await expect(
      page.getByRole('region', { name: 'System health' }).getByText(card, { exact: true }),
    ).toBeVisible()
  }
  await expect(
    page
      .getByRole('img', { name: 'Queue depth over time' })
      .or(page.getByRole('img', { name: /no samples yet/ })),
  ).toBeVisible()
  await expect(page.getByTestId('rule-queue_depth')).toContainText('Queue depth above 1000')

  // A rule that cannot fire yet: a failure rate above 100%.
  const name = uniqueName('E2E failures')
  await page.getByRole('button', { name: 'New rule' }).click()
  const form = page.getByRole('form', { name: 'New alert rule' })
  await form.getByLabel('Name').fill(name)
  await form.getByLabel('Metric').selectOption({ label: 'Run failure rate' })
  await form.getByLabel('Threshold (%)').fill('100')
  await form.getByLabel('Fire after (s)').fill('0')
  await form.getByRole('button', { name: 'Create rule' }).click()
  const row = page.getByRole('row').filter({ hasText: name })
  await expect(row).toContainText('Run failure rate > 100%')

  // Refused input names the field and saves nothing.
  await row.getByRole('button', { name: `Edit ${name}` }).click()
  const edit = page.getByRole('form', { name: `Edit rule ${name}` })
  await edit.getByLabel('Window (s)').fill('1')
  await edit.getByRole('button', { name: 'Save rule' }).click()
  await expect(edit.getByRole('alert')).toContainText('windowSeconds must be at least 10')

  // Lowering the threshold to 0% makes the failed run's share of failures breach it.
  await edit.getByLabel('Window (s)').fill('900')
  await edit.getByLabel('Threshold (%)').fill('0')
  await edit.getByRole('button', { name: 'Save rule' }).click()
  await expect(row).toContainText('Run failure rate > 0%')

  const current = page.getByRole('list', { name: 'Current alerts' })
  await expect(current.getByRole('listitem').filter({ hasText: name })).toContainText('Firing', {
    timeout: 20_000,
  })
  await expect(row).toContainText('firing')
  // The bell polls every 5 s.
  await expect(page.getByTestId('alert-bell')).toHaveAttribute('aria-label', /Alerts: [1-9]\d* firing/, {
    timeout: 15_000,
  })
  await expect(page.getByRole('list', { name: 'Alert history' })).toContainText(`${name} firing`)

  // Disabled again so later runs of the suite start quiet.
  await row.getByRole('button', { name: `Edit ${name}` }).click()
  await page
    .getByRole('form', { name: `Edit rule ${name}` })
    .getByLabel('Enabled')
    .uncheck()
  await page
    .getByRole('form', { name: `Edit rule ${name}` })
    .getByRole('button', { name: 'Save rule' })
    .click()
  await expect(row).toContainText('disabled')
})

test('the monitoring page follows runs live as they start and finish, without polling', async ({ page, request }) => {
  await page.goto('/monitoring')
  await expect(page.getByRole('status', { name: 'Live updates' })).toHaveText(/Live/)
  const card = page.getByTestId('stat-runs-running')
  const running = async () => Number(/(\d+)/.exec((await card.textContent()) ?? '')?.[1] ?? NaN)
  await expect(card).toContainText(/\d/)
  const before = await running()

  const { workflowId } = await mutate<{ workflowId: string }>(request, 'workflows.create', {
    definition: {
      schemaVersion: 1,
      name: uniqueName('E2E monitoring live'),
      steps: [{ id: 'gate', name: 'Gate', type: 'wait', wait: { kind: 'signal', signal: 'go' } }],
    },
  })
  const runs: string[] = []
  for (let i = 0; i < 3; i++)
    runs.push((await mutate<{ executionId: string }>(request, 'runs.start', { workflowId, inputs: {} })).executionId)
  // The fallback poll is every 15 s: within 8 s means the `monitoring` room told the page.
  await expect.poll(running, { timeout: 8000 }).toBe(before + 3)
  for (const id of runs) await mutate(request, 'runs.resume', { id, stepId: 'gate', signal: 'go' })
  await expect.poll(running, { timeout: 8000 }).toBe(before)
})

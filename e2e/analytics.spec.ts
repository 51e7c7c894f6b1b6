// The /analytics page as an operator uses it: a workflow's failed run shows up in the totals, the
// charts and the failing-steps table; clicking the failed bar, the step and the heatmap cell opens
// /runs filtered to the run behind it; a card exports CSV.
import { readFile } from 'node:fs/promises'
import { expect, test, type APIRequestContext } from '@playwright/test'
import { uniqueName } from './fixtures'
import { callProcedure, queryProcedure } from './support/trpc'

/** A run that fails at once: its webhook step calls a port nothing listens on. */
async function failingRun(request: APIRequestContext) {
  const { workflowId } = await callProcedure<{ workflowId: string }>(request, 'workflows.create', {
    definition: {
      schemaVersion: 1,
      name: uniqueName('E2E analytics'),
      steps: [{ id: 'call', name: 'Call nowhere', type: 'webhook', request: { method: 'GET', url: 'http://127.0.0.1:9/', timeout: '2s' } }],
    },
  })
  const { executionId } = await callProcedure<{ executionId: string }>(request, 'runs.start', { workflowId, inputs: {} })
  await expect
    .poll(async () => (await queryProcedure<{ status: string }>(request, 'runs.get', { id: executionId })).status, { timeout: 20_000 })
    .toBe('failed')
  return { workflowId, executionId }
}

test('analytics charts render and drill down to the runs behind them', async ({ page, request }) => {
  const { workflowId, executionId } = await failingRun(request)
  const runRow = page.getByRole('table', { name: 'Runs' }).locator(`tr[data-run-id="${executionId}"]`)

  await page.goto(`/analytics?range=1h&workflowId=${workflowId}`)
  await expect(page.getByRole('heading', { name: 'Analytics' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Last hour' })).toHaveAttribute('aria-current', 'true')
  const totals = page.getByRole('region', { name: 'Totals' })
  await expect(totals.getByRole('link', { name: 'Runs: 1' })).toBeVisible()
  await expect(totals.getByRole('link', { name: 'Failed: 1' })).toBeVisible()
  await expect(totals.getByText('0%', { exact: true })).toBeVisible()
  await expect(page.getByRole('img', { name: 'Success rate per hour' })).toBeVisible()
  await expect(page.getByRole('img', { name: 'Runs by trigger' })).toBeVisible()
  const failing = page.getByRole('table', { name: 'Top failing steps' })
  await expect(failing).toContainText('Call nowhere')
  await expect(failing).toContainText('1 of 1')

  // The failed segment of the current hour's bar: the only bar drawn.
  const bars = page.getByRole('img', { name: 'Runs per hour by status' }).locator('.recharts-bar-rectangle path')
  await expect(bars).toHaveCount(1)
  await bars.first().click()
  await expect(page).toHaveURL(new RegExp(`/runs\\?status=failed&workflowId=${workflowId}&from=.+&to=.+`))
  await expect(runRow).toContainText('failed')
  await expect(page.getByRole('table', { name: 'Runs' }).locator('tr[data-run-id]')).toHaveCount(1)

  await page.goBack()
  await failing.getByRole('link', { name: 'Call nowhere' }).click()
  await expect(page).toHaveURL(new RegExp(`/runs\\?status=failed&workflowId=${workflowId}&from=`))
  await expect(runRow).toBeVisible()

  await page.goBack()
  const heatCell = page.getByRole('grid', { name: 'Runs by hour of week' }).getByRole('gridcell', { name: /, 1 runs$/ })
  await expect(heatCell).toHaveCount(1)
  await heatCell.click()
  await expect(page).toHaveURL(new RegExp(`/runs\\?workflowId=${workflowId}&from=`))
  await expect(runRow).toBeVisible()

  await page.goBack()
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export runs-by-trigger as CSV' }).click()
  const csv = await readFile(await (await download).path(), 'utf8')
  expect(csv).toBe('trigger,runs,succeeded,failed,success rate\r\nmanual,1,0,1,0\r\n')
})

test('the workflow picker narrows the page to one workflow and back', async ({ page, request }) => {
  const { workflowId } = await failingRun(request)
  await page.goto('/analytics?range=1h')
  const picker = page.getByRole('combobox', { name: 'Workflow' })
  await expect(picker.locator(`option[value="${workflowId}"]`)).toHaveCount(1)
  await picker.selectOption(workflowId)
  await expect(page).toHaveURL(new RegExp(`/analytics\\?range=1h&workflowId=${workflowId}$`))
  await expect(page.getByRole('region', { name: 'Totals' }).getByRole('link', { name: 'Runs: 1' })).toBeVisible()
  await page.getByRole('combobox', { name: 'Workflow' }).selectOption('')
  await expect(page).toHaveURL(/\/analytics\?range=1h$/)
  await expect(page.getByRole('heading', { name: /Anomalies now/ })).toBeVisible()
})

test('a bad range in the URL falls back to 7 days', async ({ page }) => {
  await page.goto('/analytics?range=5m')
  await expect(page.getByRole('link', { name: '7 days' })).toHaveAttribute('aria-current', 'true')
  await expect(page.getByRole('img', { name: 'Runs per day by status' })).toBeVisible()
})

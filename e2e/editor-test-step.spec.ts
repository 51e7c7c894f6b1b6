// Testing one step from the editor as a person does: select a step, type sample data for the step
// before it, run the test, and read the output and log in the inspector; the test run does not
// appear in the workflow's runs until "Show test runs" is switched on.
import { expect, test } from '@playwright/test'
import { openWorkflow, uniqueName } from './fixtures'
import { canvasNode } from './fixtures/canvas'

test.use({ viewport: { width: 1600, height: 1000 } })

test('a step tested with sample upstream data shows its output and log in the inspector', async ({ page }) => {
  test.setTimeout(60_000)
  const workflowId = await openWorkflow(page, {
    name: uniqueName('E2E test step'),
    steps: [
      { id: 'fetch', type: 'command', name: 'Fetch', action: 'echo', params: { v: 1 }, position: { x: 0, y: 0 } },
      {
        id: 'shape',
        type: 'transform',
        name: 'Shape',
        dependencies: ['fetch'],
        output: { doubled: '{{ steps.fetch.output.v * 2 }}' },
        position: { x: 320, y: 0 },
      },
    ],
  })
  await canvasNode(page, 'shape').click()
  const panel = page.getByRole('region', { name: 'Test step' })
  await panel.getByRole('button', { name: 'Test step' }).click()
  await panel.getByLabel('Sample output of fetch').fill('{ "v": 21 }')
  await panel.getByRole('button', { name: 'Run test' }).click()

  const result = panel.getByRole('region', { name: 'Test result' })
  await expect(result.locator('[data-step-status="succeeded"]')).toBeVisible()
  await expect(result.getByRole('region', { name: 'Test output' })).toContainText('42')
  await expect(result.getByRole('region', { name: 'Step log' })).toContainText(/succeeded/i)

  await page.goto(`/workflows/${workflowId}/runs`)
  await expect(page.getByRole('table', { name: 'Runs' })).toContainText(
    'No runs yet: open a workflow and run it.',
  )
  await page.getByLabel('Show test runs').check()
  await expect(page).toHaveURL(/[?&]tests=1/)
  await expect(page.getByRole('table', { name: 'Runs' }).getByRole('cell', { name: 'test', exact: true })).toBeVisible()
})

// A workflow step as a person builds one: dragged from the palette, pointed at another saved
// workflow, saved and run; the parent's node follows the child run live and links to it, and the
// child run links back to its parent.
import { expect, test, type Page } from '@playwright/test'
import { openWorkflow, uniqueName } from './fixtures'
import { canvasNode, connect, dragFromPalette } from './fixtures/canvas'
import { callProcedure } from './support/trpc'

test.use({ viewport: { width: 1600, height: 1000 } })

const stepRow = (page: Page, stepId: string) =>
  page.getByRole('table', { name: 'Steps' }).locator(`tr[data-step-id="${stepId}"]`)

test('a workflow step runs a child workflow that the parent run follows live and links to', async ({ page }) => {
  test.setTimeout(90_000)
  const childName = uniqueName('E2E child')
  await callProcedure(page.request, 'workflows.create', {
    definition: {
      schemaVersion: 1,
      name: childName,
      inputs: { type: 'object', properties: { who: { type: 'string' } }, required: ['who'] },
      steps: [{ id: 'approve', type: 'wait', name: 'Approve', wait: { kind: 'signal', signal: 'go' } }],
      outputs: { greeting: '"hello " + inputs.who' },
    },
  })
  await openWorkflow(page, {
    name: uniqueName('E2E parent'),
    steps: [{ id: 'seed', type: 'transform', name: 'Seed', output: { who: 'ana' }, position: { x: 0, y: 0 } }],
  })

  await dragFromPalette(page, 'Workflow', 700, 160)
  await expect(canvasNode(page, 'workflow_1')).toBeVisible()
  await connect(page, 'seed', 'success', 'workflow_1')
  await canvasNode(page, 'workflow_1').click()
  const inspector = page.getByRole('region', { name: 'Inspector: Workflow 1' })
  await inspector.getByLabel('Workflow', { exact: true }).selectOption({ label: childName })
  await inspector.getByLabel('Inputs (JSON object)').fill('{ "who": "{{ steps.seed.output.who }}" }')
  await expect(inspector.getByRole('list', { name: 'Problems in this step' })).toHaveCount(0)

  await page.getByRole('button', { name: 'Save…' }).click()
  await page.getByRole('button', { name: 'Save version' }).click()
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Saved as v2')
  await page.getByRole('button', { name: /Run…/ }).click()
  await page.getByRole('dialog', { name: 'Run v2' }).getByRole('button', { name: 'Start run' }).click()
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/, { timeout: 15_000 })
  const parentUrl = page.url()

  const child = canvasNode(page, 'workflow_1').getByTestId('child-run-workflow_1')
  await expect(child).toContainText('running', { timeout: 15_000 })
  await child.getByRole('link', { name: 'Open child run of workflow_1' }).click()
  await expect(page).not.toHaveURL(parentUrl)
  await expect(page.getByRole('link', { name: 'Open parent run' })).toBeVisible()
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText('running')

  await page.getByRole('button', { name: 'Resume Approve' }).click()
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText('succeeded', { timeout: 15_000 })
  await page.getByRole('link', { name: 'Open parent run' }).click()
  await expect(page).toHaveURL(parentUrl)
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText('succeeded', { timeout: 15_000 })
  await expect(canvasNode(page, 'workflow_1').getByTestId('child-run-workflow_1')).toContainText('succeeded')
  await stepRow(page, 'workflow_1').getByText('Output').click()
  await expect(stepRow(page, 'workflow_1').locator('pre')).toContainText('"greeting": "hello ana"')
})

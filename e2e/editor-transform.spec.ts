// A transform step as a person builds one: dragged from the palette, wired after another step,
// its output fields set in the inspector, saved, run with no device, and its computed output
// read on the run page.
import { expect, test, type Page } from '@playwright/test'
import { openWorkflow, uniqueName } from './fixtures'
import { canvasNode, connect, dragFromPalette } from './fixtures/canvas'

test.use({ viewport: { width: 1600, height: 1000 } })

const stepRow = (page: Page, stepId: string) =>
  page.getByRole('table', { name: 'Steps' }).locator(`tr[data-step-id="${stepId}"]`)

test('a transform dragged from the palette computes its output from an earlier step, shown in the run', async ({
  page,
}) => {
  test.setTimeout(60_000) // a long walk through the inspector, on a 2-core machine shared with builds
  await openWorkflow(page, {
    name: uniqueName('E2E transform'),
    variables: { greeting: 'hello' },
    steps: [
      {
        id: 'seed',
        type: 'transform',
        name: 'Seed',
        output: { n: '{{ 20 + 1 }}', deviceId: 'edge-7' },
        position: { x: 0, y: 0 },
      },
    ],
  })
  await expect(canvasNode(page, 'seed')).toContainText('sets n, deviceId')

  await dragFromPalette(page, 'Transform', 700, 160)
  await expect(canvasNode(page, 'transform_1')).toBeVisible()
  await connect(page, 'seed', 'success', 'transform_1')
  await expect(page.locator('.react-flow__edge[data-id="seed->transform_1:success"]')).toBeVisible()

  await canvasNode(page, 'transform_1').click()
  const inspector = page.getByRole('region', { name: 'Inspector: Transform 1' })
  const first = inspector.getByRole('group', { name: 'Output field runId' })
  await first.getByLabel('Key').fill('answer')
  await first.getByLabel('Key').press('Enter')
  const answer = inspector.getByRole('group', { name: 'Output field answer' })
  await expect(answer).toContainText('Read as steps.transform_1.output.answer')
  await answer.getByLabel('Value').fill('{{ vars.missing }}')
  await expect(inspector.getByRole('list', { name: 'Problems in this step' })).toContainText(
    '"vars.missing" is not defined',
  )
  await answer.getByLabel('Value').fill('{{ steps.seed.output.n * 2 }}')
  await expect(inspector.getByRole('list', { name: 'Problems in this step' })).toHaveCount(0)

  await inspector.getByRole('button', { name: 'Add output field' }).click()
  const added = inspector.getByRole('group', { name: 'Output field field_1' })
  await added.getByLabel('Key').fill('greeting')
  await added.getByLabel('Key').press('Enter')
  await inspector
    .getByRole('group', { name: 'Output field greeting' })
    .getByLabel('Value')
    .fill('{{ vars.greeting }} from {{ run.version }}')
  await expect(canvasNode(page, 'transform_1')).toContainText('sets answer, greeting')

  await inspector.getByRole('button', { name: 'JSON', exact: true }).click()
  expect(JSON.parse(await inspector.getByLabel('Output (JSON)').inputValue())).toEqual({
    answer: '{{ steps.seed.output.n * 2 }}',
    greeting: '{{ vars.greeting }} from {{ run.version }}',
  })

  await page.getByRole('button', { name: 'Save…' }).click()
  await page.getByRole('button', { name: 'Save version' }).click()
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Saved as v2')
  await page.getByRole('button', { name: /Run…/ }).click()
  await page.getByRole('dialog', { name: 'Run v2' }).getByRole('button', { name: 'Start run' }).click()
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/, { timeout: 15_000 })

  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText('succeeded', { timeout: 15_000 })
  await expect(stepRow(page, 'transform_1')).toContainText('succeeded')
  await stepRow(page, 'transform_1').getByText('Output').click()
  const shown = stepRow(page, 'transform_1').locator('pre')
  await expect(shown).toContainText('"answer": 42')
  await expect(shown).toContainText('"greeting": "hello from 2"')
  // A transform runs on no device, even when its output holds a deviceId.
  await stepRow(page, 'seed').getByText('Output').click()
  await expect(stepRow(page, 'seed').locator('pre')).toContainText('"deviceId": "edge-7"')
  await expect(stepRow(page, 'seed').getByRole('cell').nth(4)).toHaveText('-')
})

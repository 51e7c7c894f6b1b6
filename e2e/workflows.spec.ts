// The /workflows page as a person uses it: create, import (good and bad files), export.
import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import {
  importWorkflowFile,
  searchWorkflows,
  shownWorkflowJson,
  slugOf,
  twoStepWorkflow,
  uniqueName,
  workflowRow,
  workflowsTable,
} from './fixtures'

test.beforeEach(async ({ page }) => {
  await page.goto('/workflows')
  await expect(page.getByRole('heading', { name: 'Workflows', level: 1 })).toBeVisible()
})

test('"New workflow" creates a workflow, opens it, and lists it', async ({ page }) => {
  const name = uniqueName('E2E new')
  await page.getByRole('button', { name: 'New workflow' }).click()
  const form = page.getByRole('form', { name: 'New workflow' })
  await form.getByLabel('Name', { exact: true }).fill(name)
  await form.getByRole('button', { name: 'Create', exact: true }).click()

  await expect(page).toHaveURL(/\/workflows\/[^/?#]+$/)
  const heading = page.getByRole('heading', { level: 1 })
  await expect(heading).toContainText(name)
  await expect(heading).toContainText('v1')

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workflows' }).click()
  await expect(page).toHaveURL(/\/workflows$/)
  await searchWorkflows(page, name)
  await expect(workflowRow(page, name)).toHaveCount(1)
  await expect(workflowRow(page, name)).toContainText('v1')
})

test('importing a valid file shows a notice, lists the workflow and opens its document', async ({ page }) => {
  const name = uniqueName('E2E import')
  const document = twoStepWorkflow(name)
  await importWorkflowFile(page, 'good.json', JSON.stringify(document, null, 2))

  const notice = page.getByRole('status')
  await expect(notice).toContainText(`Imported “${name}”.`)
  await searchWorkflows(page, name)
  await expect(workflowRow(page, name)).toHaveCount(1)
  await expect(workflowRow(page, name).getByRole('cell').nth(1)).toHaveText('2')

  await notice.getByRole('link', { name: 'Open it' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name)
  const shown = await shownWorkflowJson(page)
  expect(shown).toMatchObject({ schemaVersion: 1, name, version: 1, steps: document.steps })
})

test('importing a broken document lists every problem and adds nothing', async ({ page }) => {
  const name = uniqueName('E2E broken')
  const broken = {
    schemaVersion: 1,
    name,
    steps: [
      { id: 'start', name: 'Start', type: 'command', action: 'echo', params: { message: 'hi' } },
      { id: 'beam', name: 'Beam me up', type: 'teleport', dependencies: ['start'] },
      { id: 'finish', name: 'Finish', type: 'command', action: 'echo', dependencies: ['ghost'] },
    ],
  }
  await importWorkflowFile(page, 'broken.json', JSON.stringify(broken, null, 2))

  const alert = page.getByRole('alert').filter({ hasText: 'Import failed' })
  await expect(alert).toBeVisible()
  const items = alert.getByRole('listitem')
  // The unknown type names the step and its field; the dangling edge names the missing step.
  await expect(items.filter({ hasText: 'steps[1].type' })).toContainText('beam')
  await expect(items.filter({ hasText: 'teleport' })).not.toHaveCount(0)
  await expect(items.filter({ hasText: 'ghost' })).toContainText('finish')
  await expect(items.filter({ hasText: 'ghost' })).toContainText('steps[2].dependencies[0]')
  await expect(page.getByRole('status')).toHaveCount(0)

  await searchWorkflows(page, name)
  await expect(workflowsTable(page)).toContainText('No workflow matches this search.')
  await expect(workflowRow(page, name)).toHaveCount(0)
})

// Each file is broken in a way people do by hand; the error must point at the spot.
const invalidJsonFiles = [
  {
    problem: 'a trailing comma',
    text: '{\n  "schemaVersion": 1,\n  "name": "Trailing",\n}\n',
    line: 4,
    column: 1,
  },
  { problem: 'a missing comma', text: '{\n  "schemaVersion": 1\n  "name": "Comma"\n}\n', line: 3, column: 3 },
  { problem: 'a missing value', text: '{\n  "schemaVersion": 1,\n  "name": \n}\n', line: 4, column: 1 },
  { problem: 'a truncated file', text: '{\n  "schemaVersion": 1,\n  "steps": [', line: 3, column: 13 },
]

for (const file of invalidJsonFiles) {
  test(`importing text with ${file.problem} says it is not valid JSON, with line and column`, async ({
    page,
  }) => {
    await importWorkflowFile(page, 'not-json.json', file.text)
    const alert = page.getByRole('alert').filter({ hasText: 'Import failed' })
    await expect(alert).toContainText('not valid JSON')
    await expect(alert).toContainText(`line ${file.line}, column ${file.column}`)
    await expect(page.getByRole('status')).toHaveCount(0)
  })
}

test('Export downloads the workflow as <slug>.v<N>.json with the imported document', async ({ page }) => {
  const name = uniqueName('E2E export')
  const document = twoStepWorkflow(name)
  await importWorkflowFile(page, 'to-export.json', JSON.stringify(document))
  await expect(page.getByRole('status')).toContainText(`Imported “${name}”.`)
  await searchWorkflows(page, name)

  const download = page.waitForEvent('download')
  await workflowRow(page, name).getByRole('button', { name: 'Export' }).click()
  const file = await download

  expect(file.suggestedFilename()).toBe(`${slugOf(name)}.v1.json`)
  expect(file.suggestedFilename()).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*\.v\d+\.json$/)
  const exported = JSON.parse(await readFile(await file.path(), 'utf8')) as unknown
  expect(exported).toMatchObject({
    schemaVersion: 1,
    name,
    description: document.description,
    steps: document.steps,
  })
})

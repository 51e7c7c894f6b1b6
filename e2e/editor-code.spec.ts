// The code editors as a person uses them: an expression field completes step ids and the last
// run's output paths and previews the value against that run; the JSON view marks a bad field
// where it is.
import { expect, test, type Page } from '@playwright/test'
import { openWorkflow, uniqueName } from './fixtures'
import { callProcedure, queryProcedure } from './support/trpc'

test.use({ viewport: { width: 1600, height: 1000 } })

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`)

const steps = [
  { id: 'seed', type: 'transform', name: 'Seed', output: { n: '{{ 20 + 1 }}', host: 'edge-7' }, position: { x: 0, y: 0 } },
  { id: 'check', type: 'condition', name: 'Check', expression: 'true', dependencies: ['seed'], position: { x: 360, y: 0 } },
]

/** Runs the saved workflow (no device needed) and waits for it to succeed. */
async function runToSuccess(page: Page, workflowId: string): Promise<string> {
  const { executionId } = await callProcedure<{ executionId: string }>(page.request, 'runs.start', { workflowId, inputs: {} })
  await expect
    .poll(async () => (await queryProcedure<{ status: string }>(page.request, 'runs.get', { id: executionId })).status, {
      timeout: 20_000,
    })
    .toBe('succeeded')
  return executionId
}

test('an expression field completes a step id and its output path from the last run, and previews the value', async ({
  page,
}) => {
  test.setTimeout(60_000) // a run, a reload and typing on a 2-core machine shared with builds
  const workflowId = await openWorkflow(page, { name: uniqueName('E2E code editor'), steps })
  const runId = await runToSuccess(page, workflowId)
  await page.reload()

  await node(page, 'check').click()
  const inspector = page.getByRole('region', { name: 'Inspector: Check' })
  const field = inspector.getByRole('textbox', { name: 'Expression (CEL)' })
  await expect(field).toHaveAttribute('contenteditable', 'true')
  await field.click()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.type('steps.')
  const options = page.getByRole('listbox').getByRole('option')
  await options.filter({ hasText: 'seed' }).click()
  await page.keyboard.type('.output.')
  await expect(options.filter({ hasText: 'host' })).toContainText('"edge-7"')
  await options.filter({ hasText: /^n/ }).click()
  await page.keyboard.type(' > 20')

  await expect(node(page, 'check')).toContainText('steps.seed.output.n > 20')
  const preview = inspector.getByRole('status', { name: 'Preview' })
  await expect(preview).toContainText(`last run ${runId.slice(0, 8)}`)
  await expect(preview).toContainText('true')
  // A path the last run does not have: the preview says what is there instead.
  await field.fill('steps.seed.output.nope == 1')
  await expect(preview).toContainText('has no field "nope" (fields: n, host)')
})

test('the JSON view marks a field the validator refuses, at its place in the text', async ({ page }) => {
  await openWorkflow(page, { name: uniqueName('E2E JSON markers'), steps })
  await page.getByRole('tab', { name: 'JSON' }).click()
  const editor = page.getByRole('textbox', { name: 'Workflow JSON' })
  await expect(editor).toHaveAttribute('contenteditable', 'true')
  await editor.click()
  await page.keyboard.press('ControlOrMeta+a')
  const bad = { schemaVersion: 1, name: 'Bad field', steps: [steps[0], { ...steps[1], retryPolicy: { maxAttempts: 0 } }] }
  await page.keyboard.insertText(JSON.stringify(bad, null, 2))

  const marker = page.locator('.cm-lintRange-error')
  await expect(marker).toHaveText('0')
  await marker.hover()
  await expect(page.locator('.cm-tooltip-lint')).toContainText('retryPolicy.maxAttempts must be at least 1')
  await expect(page.getByRole('list', { name: 'Problem list' })).toContainText('retryPolicy.maxAttempts must be at least 1')

  // Text that does not parse is marked where the parser stopped; the canvas keeps the last valid document.
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.type(',')
  await expect(page.getByRole('alert', { name: 'JSON error' })).toContainText('Not valid JSON')
  await expect(marker).toHaveCount(1)
})

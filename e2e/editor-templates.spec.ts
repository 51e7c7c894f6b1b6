// Templates from the editor's side: "New from template" on /workflows asks for the template's
// variables and opens a valid workflow; "Save as template" in the editor turns [[ placeholders ]]
// into variables, and a missing required variable is refused with its name.
import { expect, test, type Page } from '@playwright/test'
import { uniqueName } from './fixtures'

test.use({ viewport: { width: 1600, height: 1000 } })

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`)

async function openNewFromTemplate(page: Page) {
  await page.goto('/workflows')
  await page.getByRole('button', { name: 'New from template…' }).click()
  const dialog = page.getByRole('dialog', { name: 'New from template' })
  await expect(dialog).toBeVisible()
  return dialog
}

test('New from template asks for the variables, refuses a bad value by name, and opens a valid workflow', async ({
  page,
}) => {
  const name = uniqueName('E2E health check')
  const dialog = await openNewFromTemplate(page)
  for (const builtin of [
    'Rolling restart across a fleet',
    'Health check with retry and alert webhook',
    'Nightly data collection',
  ]) {
    await expect(dialog.getByRole('button', { name: new RegExp(`^${builtin}`) })).toBeVisible()
  }
  await dialog.getByRole('searchbox', { name: 'Search templates' }).fill('alert webhook')
  await expect(dialog.getByRole('button', { name: /^Rolling restart/ })).toHaveCount(0)
  await dialog.getByRole('button', { name: /^Health check with retry/ }).click()

  const form = page.getByRole('form', { name: 'Use Health check with retry and alert webhook' })
  await expect(form.getByLabel(/^url \(string\)/)).toHaveValue('https://example.com/health')
  await expect(form.getByLabel(/^attempts \(integer\)/)).toHaveValue('3')
  await form.getByLabel('Workflow name').fill(name)
  await form.getByLabel(/^deviceTag \(/).fill('edge-probes')
  await form.getByLabel(/^alertUrl \(/).fill('https://alerts.example.org/hook')
  await form.getByLabel(/^attempts \(/).fill('three')
  await form.getByRole('button', { name: 'Create workflow' }).click()
  await expect(form.getByRole('alert')).toHaveText('"attempts" must be an integer, got "three".')
  await expect(page).toHaveURL(/\/workflows$/)

  await form.getByLabel(/^attempts \(/).fill('5')
  await form.getByRole('button', { name: 'Create workflow' }).click()
  await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]{36}$/, { timeout: 15_000 })
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name)
  await expect(node(page, 'probe')).toContainText('#edge-probes')
  await expect(node(page, 'alert')).toContainText('https://alerts.example.org/hook')
  await expect(page.getByRole('group', { name: 'Problems' }).locator('summary')).toContainText('0 errors')
  await expect(page.getByRole('button', { name: /Run…/ })).toBeEnabled()
})

test('Save as template declares the placeholders; using it without a required variable names the variable', async ({
  page,
}) => {
  const workflowName = uniqueName('E2E restart source')
  const templateName = uniqueName('E2E restart template')
  const created = await page.request.post('/api/trpc/workflows.create', {
    data: {
      json: {
        definition: {
          schemaVersion: 1,
          name: workflowName,
          steps: [
            {
              id: 'restart',
              type: 'command',
              name: 'Restart [[ service ]]',
              action: 'echo',
              params: { message: 'restart [[ service ]] on [[ host ]]' },
              position: { x: 0, y: 0 },
            },
          ],
        },
      },
    },
  })
  expect(created.ok()).toBe(true)
  const { workflowId } = ((await created.json()) as { result: { data: { json: { workflowId: string } } } })
    .result.data.json
  await page.goto(`/workflows/${workflowId}`)
  await expect(node(page, 'restart')).toContainText('Restart [[ service ]]')

  await page.getByRole('button', { name: 'Save as template…' }).click()
  const save = page.getByRole('dialog', { name: 'Save as template' })
  await expect(save.getByLabel('Template name')).toHaveValue(workflowName)
  await save.getByLabel('Template name').fill(templateName)
  await save.getByLabel('Description', { exact: true }).fill('Restarts one service on one host')
  await save.getByLabel('Category').fill('maintenance')
  const service = save.getByRole('group', { name: 'Variable service' })
  const host = save.getByRole('group', { name: 'Variable host' })
  await service.getByRole('checkbox', { name: 'required' }).check()
  await host.getByLabel('Default of host').fill('web-1')
  await save.getByRole('button', { name: 'Save template' }).click()
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText(
    `Saved as template “${templateName}”`,
  )
  await expect(save).toHaveCount(0)

  const dialog = await openNewFromTemplate(page)
  await dialog.getByRole('searchbox', { name: 'Search templates' }).fill(templateName)
  await dialog.getByRole('button', { name: new RegExp(`^${templateName}`) }).click()
  const form = page.getByRole('form', { name: `Use ${templateName}` })
  await expect(form.getByLabel('service (string, required)')).toHaveValue('')
  await expect(form.getByLabel('host (string)')).toHaveValue('web-1')
  const newName = uniqueName('E2E restart nginx')
  await form.getByLabel('Workflow name').fill(newName)
  await form.getByRole('button', { name: 'Create workflow' }).click()
  await expect(form.getByRole('alert')).toHaveText('"service" is required.')
  await expect(form.getByLabel('service (string, required)')).toHaveAttribute('aria-invalid', 'true')
  await expect(page).toHaveURL(/\/workflows$/)

  await form.getByLabel('service (string, required)').fill('nginx')
  await form.getByRole('button', { name: 'Create workflow' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(newName, { timeout: 15_000 })
  await expect(node(page, 'restart')).toContainText('Restart nginx')
  await expect(page.getByRole('group', { name: 'Problems' }).locator('summary')).toContainText('0 errors')
})

test('Use template on /templates opens the same dialog with that template chosen', async ({ page }) => {
  await page.goto('/templates')
  const card = page.getByRole('region', { name: 'Nightly data collection', exact: true })
  await card.getByRole('button', { name: 'Use template' }).click()
  const dialog = page.getByRole('dialog', { name: 'New workflow from “Nightly data collection”' })
  await expect(dialog.getByLabel(/^tag \(string\)/)).toHaveValue('collector')
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
})

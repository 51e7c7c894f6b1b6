// Running from the editor: inputs defined with the field builder become the Run form, which
// checks them before the run starts and then opens /runs/<id>. Run is off, with the reason,
// while the workflow is invalid or has unsaved changes.
import { expect, test, type Page } from '@playwright/test'
import { createAgent, type Agent } from '@/agent/index'
import { openWorkflow, uniqueName } from './fixtures'
import { callProcedure } from './support/trpc'

test.use({ viewport: { width: 1600, height: 1000 } })

// A device offering `echo` (the e2e server runs no demo devices): runs.start refuses a run whose
// steps no registered device offers.
let agent: Agent | undefined
test.beforeEach(async ({ request, baseURL }) => {
  const name = uniqueName('e2e echo device')
  const { token } = await callProcedure<{ token: string }>(request, 'devices.createToken', {
    name,
    tags: [],
    serverUrl: baseURL,
  })
  agent = createAgent({ server: baseURL ?? '', token, name })
  await agent.start()
})
test.afterEach(async () => {
  await agent?.stop()
})

const echo = { id: 'deploy', type: 'command', name: 'Deploy', action: 'echo', position: { x: 0, y: 0 } }
const runButton = (page: Page) => page.getByRole('button', { name: /Run…/ })

test('inputs built in the settings become the Run form, which checks them and opens the run', async ({
  page,
}) => {
  test.setTimeout(60_000) // a long walk through the builder, on a 2-core machine shared with builds
  await openWorkflow(page, { name: uniqueName('E2E run inputs'), steps: [echo] })
  const settings = page.getByRole('region', { name: 'Workflow settings' })

  await settings.getByRole('button', { name: 'Add input' }).click()
  const first = settings.getByRole('group', { name: 'Input input_1' })
  await first.getByLabel('Name', { exact: true }).fill('version')
  await first.getByLabel('Name', { exact: true }).press('Enter')
  const version = settings.getByRole('group', { name: 'Input version' })
  await version.getByRole('checkbox', { name: 'Required' }).check()
  await version.getByLabel('Description').fill('The release to deploy, e.g. 1.4.2')

  await settings.getByRole('button', { name: 'Add input' }).click()
  const second = settings.getByRole('group', { name: 'Input input_1' })
  await second.getByLabel('Name', { exact: true }).fill('bad name')
  await expect(second.getByRole('alert')).toContainText('Use letters, digits and "_"')
  await second.getByLabel('Name', { exact: true }).fill('replicas')
  await second.getByLabel('Name', { exact: true }).press('Enter')
  const replicas = settings.getByRole('group', { name: 'Input replicas' })
  await replicas.getByLabel('Type').selectOption('integer')
  await replicas.getByLabel('Default').fill('2.5')
  await expect(replicas.getByRole('alert')).toContainText('The default must be an integer')
  await replicas.getByLabel('Default').fill('2')
  await replicas.getByLabel('Minimum').fill('1')
  await replicas.getByLabel('Maximum').fill('0')
  await expect(replicas.getByRole('list', { name: 'Problems in input replicas' })).toContainText(
    'minimum 1 greater than maximum 0',
  )
  await expect(page.getByText(/running an invalid workflow is not allowed/)).toBeVisible()
  await expect(runButton(page)).toBeDisabled()
  await replicas.getByLabel('Maximum').fill('10')
  await expect(
    page.getByText('Run is off: save your changes first; a run uses the saved version.'),
  ).toBeVisible()
  await expect(runButton(page)).toBeDisabled()

  await page.getByRole('button', { name: 'Save…' }).click()
  await page.getByRole('button', { name: 'Save version' }).click()
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Saved as v2')
  await expect(runButton(page)).toBeEnabled()
  await expect(page.getByText(/Run is off/)).toHaveCount(0)

  await runButton(page).click()
  const dialog = page.getByRole('dialog', { name: 'Run v2' })
  await expect(dialog.getByText('The release to deploy, e.g. 1.4.2')).toBeVisible()
  await expect(dialog.getByLabel('replicas (integer)')).toHaveValue('2')
  await dialog.getByRole('button', { name: 'Start run' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('"version" is required.')
  await expect(dialog.getByLabel('version (string, required)')).toHaveAttribute('aria-invalid', 'true')

  await dialog.getByLabel('version (string, required)').fill('1.4.2')
  await dialog.getByLabel('replicas (integer)').fill('40')
  await dialog.getByRole('button', { name: 'Start run' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('Input "replicas" must be at most 10.')
  await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]{36}$/)

  await dialog.getByLabel('replicas (integer)').fill('3')
  await dialog.getByRole('button', { name: 'Start run' }).click()
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/, { timeout: 15_000 })
})

test('a workflow without inputs runs straight from the dialog', async ({ page }) => {
  await openWorkflow(page, { name: uniqueName('E2E run plain'), steps: [echo] })
  await runButton(page).click()
  const dialog = page.getByRole('dialog', { name: 'Run v1' })
  await expect(dialog).toContainText('This workflow takes no inputs.')
  await dialog.getByRole('button', { name: 'Start run' }).click()
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/, { timeout: 15_000 })
})

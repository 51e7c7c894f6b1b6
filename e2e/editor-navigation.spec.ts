// Leaving the editor with unsaved changes asks first (links out of the editor and the browser's
// Back button); an empty canvas says how to start; "?" lists every keyboard shortcut.
import { expect, test, type Page } from '@playwright/test'
import { searchWorkflows, uniqueName, workflowRow } from './fixtures'

test.use({ viewport: { width: 1600, height: 1000 } })

const steps = [{ id: 'only', type: 'command', name: 'Only step', action: 'echo', position: { x: 0, y: 0 } }]
const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`)

/** Creates a workflow and opens it from the list, so the browser has a page to go back to. */
async function openFromList(page: Page, name: string) {
  const response = await page.request.post('/api/trpc/workflows.create', {
    data: { json: { definition: { schemaVersion: 1, name, steps } } },
  })
  expect(response.ok()).toBe(true)
  await page.goto('/workflows')
  await searchWorkflows(page, name)
  await workflowRow(page, name).getByRole('link', { name }).click()
  // The first visit loads the editor's code (React Flow, layout); allow for a busy machine.
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name, { timeout: 15_000 })
}

test('with unsaved changes, a link out of the editor and Back both ask before leaving', async ({ page }) => {
  const name = uniqueName('E2E leave guard')
  await openFromList(page, name)
  const editorUrl = page.url()
  await page.getByRole('button', { name: 'Add Wait step' }).click()
  await expect(page.getByLabel('Unsaved changes')).toBeVisible()

  const leave = page.getByRole('dialog', { name: 'Leave without saving?' })
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Templates' }).click()
  await expect(leave).toBeVisible()
  await leave.getByRole('button', { name: 'Stay and keep editing' }).click()
  await expect(leave).toHaveCount(0)
  expect(page.url()).toBe(editorUrl)
  await expect(node(page, 'wait_1')).toBeVisible()

  await page.goBack({ waitUntil: 'commit' })
  await expect(leave).toBeVisible()
  expect(page.url()).toBe(editorUrl)
  await leave.getByRole('button', { name: 'Stay and keep editing' }).click()
  await expect(node(page, 'wait_1')).toBeVisible()

  await page.goBack({ waitUntil: 'commit' })
  await leave.getByRole('button', { name: 'Leave without saving' }).click()
  await expect(page).toHaveURL(/\/workflows$/)
  await expect(page.getByRole('heading', { name: 'Workflows', level: 1 })).toBeVisible()
})

test('after saving, links and Back leave without asking', async ({ page }) => {
  const name = uniqueName('E2E no guard')
  await openFromList(page, name)
  const historyIndex = () =>
    page.evaluate(
      () =>
        (window as unknown as { navigation: { currentEntry: { index: number } } }).navigation.currentEntry
          .index,
    )
  const editorEntry = await historyIndex()
  await page.getByRole('button', { name: 'Add Wait step' }).click()
  await page.keyboard.press('Control+s')
  await page.getByRole('button', { name: 'Save version' }).click()
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Saved as v2')
  // Saving takes back the history entry that guarded Back, so one Back leaves.
  await expect.poll(historyIndex).toBe(editorEntry)
  await page.goBack()
  await expect(page).toHaveURL(/\/workflows$/)
  await expect(page.getByRole('dialog')).toHaveCount(0)
})

test('an empty canvas says how to start, and its button adds the first step', async ({ page }) => {
  await openFromList(page, uniqueName('E2E empty canvas'))
  await node(page, 'only').click()
  await page.keyboard.press('Delete')
  const start = page.getByRole('region', { name: 'How to start' })
  await expect(start).toContainText('drag one from the palette')
  await expect(start).toContainText('Connect steps')
  await start.getByRole('button', { name: 'Add a Command step' }).click()
  await expect(node(page, 'command_1')).toBeVisible()
  await expect(start).toHaveCount(0)
})

test('"?" opens the list of keyboard shortcuts; Escape closes it', async ({ page }) => {
  await openFromList(page, uniqueName('E2E shortcuts'))
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } })
  await page.keyboard.press('?')
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  for (const line of [
    'Undo',
    'Redo',
    'Delete the selected steps, notes and edges',
    'Duplicate the selected steps',
    'Copy the selected steps as JSON',
    'Select every step',
    'Save a new version',
    'Move the selected steps and notes',
    'Double-click a note',
  ]) {
    await expect(help).toContainText(line)
  }
  await page.keyboard.press('Escape')
  await expect(help).toHaveCount(0)
  // Shortcuts work again once the dialog is closed.
  await page.keyboard.press('Control+a')
  await expect(node(page, 'only')).toHaveClass(/selected/)
})

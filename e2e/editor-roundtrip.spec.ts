// What goes in comes back out: export then import gives the same graph, a copied step pastes
// as a new step, a compared version shows the changed step, a sticky note survives a save
// and a reload (and can be moved, resized, deleted and undone).
import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import { importWorkflowFile, openWorkflow, uniqueName } from './fixtures'

test.use({ viewport: { width: 1600, height: 1000 } })

type Step = Record<string, unknown> & { id: string }

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`)
const notifications = (page: Page) => page.getByRole('status', { name: 'Notifications' })

/** What the canvas shows: every node with its text, and every edge. */
async function shownGraph(page: Page) {
  const nodes = await page
    .locator('.editor-canvas .react-flow__node')
    // Placement warnings follow the live fleet, not the document: they are left out.
    .evaluateAll((els) =>
      els
        .map((el) => {
          const copy = el.cloneNode(true) as Element
          for (const fleetBound of copy.querySelectorAll(
            '[data-placement-warning], .step-node-badge.is-warning',
          ))
            fleetBound.remove()
          return `${el.getAttribute('data-id')}: ${copy.textContent ?? ''}`
        })
        .sort(),
    )
  const edges = await page
    .locator('.editor-canvas .react-flow__edge')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-id')).sort())
  return { nodes, edges }
}

async function saveVersion(page: Page, version: number) {
  await page.getByRole('button', { name: 'Save…' }).click()
  await page.getByRole('button', { name: 'Save version' }).click()
  await expect(notifications(page)).toContainText(`Saved as v${version}`)
}

const steps: Step[] = [
  { id: 'fetch', type: 'command', name: 'Fetch build', action: 'echo', position: { x: 0, y: 0 } },
  {
    id: 'ok',
    type: 'condition',
    name: 'Looks good?',
    expression: 'true',
    dependencies: ['fetch'],
    position: { x: 320, y: 0 },
  },
  {
    id: 'ship',
    type: 'command',
    name: 'Ship it',
    action: 'echo',
    dependencies: [{ step: 'ok', on: 'true' }],
    position: { x: 640, y: -80 },
  },
  {
    id: 'alert',
    type: 'webhook',
    name: 'Tell ops',
    request: { method: 'POST', url: 'https://hooks.example.org/ops' },
    dependencies: [{ step: 'fetch', on: 'failure' }],
    position: { x: 640, y: 160 },
  },
]
const notes = [
  { id: 'why', text: 'Ops asked for this alert', position: { x: 0, y: 200 }, width: 240, height: 120 },
]

test('export, delete, then import the file: the same steps, edges and notes come back', async ({ page }) => {
  const name = uniqueName('E2E round trip')
  await openWorkflow(page, { name, steps, canvas: { notes } })
  await expect(page.locator('.editor-canvas .react-flow__edge')).toHaveCount(3)
  const before = await shownGraph(page)
  expect(before.edges).toEqual(['fetch->alert:failure', 'fetch->ok:success', 'ok->ship:true'])

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export' }).click()
  const text = await readFile(await (await download).path(), 'utf8')

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workflows' }).click()
  await page.getByRole('searchbox', { name: 'Search workflows' }).fill(name)
  page.once('dialog', (d) => void d.accept())
  await page.getByRole('row').filter({ hasText: name }).getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByRole('table', { name: 'Workflows' })).toContainText(
    'No workflow matches this search.',
  )

  await importWorkflowFile(page, 'round-trip.json', text)
  await page.getByRole('status').getByRole('link', { name: 'Open it' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name, { timeout: 15_000 })
  await expect(page.locator('.editor-canvas .react-flow__edge')).toHaveCount(3)
  expect(await shownGraph(page)).toEqual(before)
})

test('copy a step and paste it: a new step with the same settings, selected, without the dangling edge', async ({
  page,
}) => {
  await openWorkflow(page, { name: uniqueName('E2E copy paste'), steps: steps.slice(0, 2) })
  await node(page, 'ok').click()
  await page.keyboard.press('Control+c')
  await page.keyboard.press('Control+v')
  await expect(notifications(page)).toContainText('Pasted 1 step.')
  await expect(node(page, 'ok_1')).toContainText('Looks good?')
  await expect(node(page, 'ok_1')).toContainText('true')
  await expect(node(page, 'ok_1')).toHaveClass(/selected/)
  await expect(page.locator('.react-flow__edge')).toHaveCount(1)
  await expect(page.getByLabel('Unsaved changes')).toBeVisible()
})

test('compare two versions: the changed step is marked on one canvas and on both sides', async ({ page }) => {
  await openWorkflow(page, { name: uniqueName('E2E compare'), steps: steps.slice(0, 2) })
  await node(page, 'ok').click()
  await page
    .getByRole('region', { name: 'Inspector: Looks good?' })
    .getByLabel('Name', { exact: true })
    .fill('Tests green?')
  await saveVersion(page, 2)

  await page.getByRole('tab', { name: 'Versions' }).click()
  await page.getByLabel('Compare v1').check()
  await page.getByLabel('Compare v2').check()
  await page.getByRole('button', { name: 'Compare v1 → v2' }).click()
  await expect(page.getByLabel('Changes')).toContainText('0 added · 1 changed (ok) · 0 removed')
  await expect(page.locator('.react-flow__node.diff-changed[data-id="ok"]')).toContainText('Tests green?')
  await expect(page.locator('.react-flow__node.diff-unchanged[data-id="fetch"]')).toBeVisible()

  await page.getByRole('button', { name: 'Side by side' }).click()
  const old = page.getByRole('region', { name: 'v1 (before)' })
  const now = page.getByRole('region', { name: 'v2 (after)' })
  await expect(old.locator('.react-flow__node.diff-changed[data-id="ok"]')).toContainText('Looks good?')
  await expect(now.locator('.react-flow__node.diff-changed[data-id="ok"]')).toContainText('Tests green?')
  await expect(old.locator('.react-flow__node.diff-unchanged[data-id="fetch"]')).toBeVisible()
  await expect(now.locator('.react-flow__node.diff-unchanged[data-id="fetch"]')).toBeVisible()
})

test('a sticky note: added from the palette, written, moved and resized, saved, reloaded, deleted and undone', async ({
  page,
}) => {
  await openWorkflow(page, { name: uniqueName('E2E note'), steps: steps.slice(0, 1) })
  await page.getByRole('button', { name: 'Add sticky note' }).click()
  const note = page.locator('.react-flow__node-note')
  await expect(note).toHaveCount(1)
  await note.getByRole('button', { name: 'Edit note' }).click()
  await note.getByLabel('Note text').fill('Runs nightly.\nAsk ops before changing the target.')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('note', { name: 'Note: Runs nightly.' })).toContainText(
    'Ask ops before changing',
  )

  const start = await note.boundingBox()
  if (!start) throw new Error('the note is not visible')
  await page.mouse.move(start.x + 40, start.y + 20)
  await page.mouse.down()
  await page.mouse.move(start.x + 100, start.y + 80, { steps: 6 })
  await page.mouse.up()
  const moved = await note.boundingBox()
  expect(moved!.x).toBeGreaterThan(start.x + 30)
  const corner = note.locator('.react-flow__resize-control.bottom.right')
  const c = await corner.boundingBox()
  await page.mouse.move(c!.x + c!.width / 2, c!.y + c!.height / 2)
  await page.mouse.down()
  await page.mouse.move(c!.x + 90, c!.y + 60, { steps: 6 })
  await page.mouse.up()
  const resized = await note.boundingBox()
  expect(resized!.width).toBeGreaterThan(moved!.width + 40)
  const stepBefore = await node(page, 'fetch').boundingBox()

  await saveVersion(page, 2)
  await page.reload()
  const reloaded = page.getByRole('note', { name: 'Note: Runs nightly.' })
  await expect(reloaded).toContainText('Ask ops before changing the target.')
  // The view is fitted anew after a reload: compare the note's size with the step's, which did not change.
  const box = await note.boundingBox()
  const step = await node(page, 'fetch').boundingBox()
  expect(box!.width / step!.width).toBeCloseTo(resized!.width / stepBefore!.width, 1)
  expect(box!.height / step!.height).toBeCloseTo(resized!.height / stepBefore!.height, 1)

  await reloaded.click()
  await page.keyboard.press('Delete')
  await expect(note).toHaveCount(0)
  await expect(page.getByLabel('Unsaved changes')).toBeVisible()
  await page.keyboard.press('Control+z')
  await expect(page.getByRole('note', { name: 'Note: Runs nightly.' })).toBeVisible()
  await expect(page.getByLabel('Unsaved changes')).toHaveCount(0)
})

// The workflow editor as a person uses it: drag steps from the palette, connect handles,
// configure steps, save and reload; refused cycles; live expression errors; undo/redo;
// auto-layout; version compare.
import { expect, test, type Page } from '@playwright/test'
import { copyWorkflowJsonText, openWorkflow, uniqueName } from './fixtures'
import { connect, dragFromPalette } from './fixtures/canvas'

test.use({ viewport: { width: 1700, height: 1100 } })

type Step = Record<string, unknown> & { id: string }

/** Creates a workflow through the API (superjson envelope) and opens it in the editor. */
const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`)
const edge = (page: Page, from: string, to: string, kind: string) =>
  page.locator(`.react-flow__edge[data-id="${from}->${to}:${kind}"]`)

/** The document in the JSON tab, parsed; returns to the canvas afterwards. */
async function documentJson(page: Page): Promise<{ steps: Step[] } & Record<string, unknown>> {
  await page.getByRole('tab', { name: 'JSON' }).click()
  const text = await copyWorkflowJsonText(page)
  await page.getByRole('tab', { name: 'Canvas' }).click()
  await expect(page.locator('.editor-canvas .react-flow')).toBeVisible()
  return JSON.parse(text) as { steps: Step[] }
}

const stepById = (doc: { steps: Step[] }, id: string) => doc.steps.find((s) => s.id === id)

test('drag three steps, connect success and failure edges, configure, save, reload: same graph', async ({
  page,
}) => {
  const name = uniqueName('E2E editor')
  await openWorkflow(page, {
    name,
    steps: [{ id: 'start', type: 'command', name: 'Start', action: 'echo', position: { x: 0, y: 0 } }],
  })
  await dragFromPalette(page, 'Command', 150, 120)
  await dragFromPalette(page, 'Condition', 900, 100)
  await dragFromPalette(page, 'Webhook', 900, 520)
  for (const id of ['command_1', 'condition_1', 'webhook_1']) await expect(node(page, id)).toBeVisible()
  await expect(page.getByLabel('Unsaved changes')).toBeVisible()

  await connect(page, 'command_1', 'success', 'condition_1')
  await expect(edge(page, 'command_1', 'condition_1', 'success')).toBeVisible()
  await connect(page, 'command_1', 'failure', 'webhook_1')
  await expect(edge(page, 'command_1', 'webhook_1', 'failure')).toBeVisible()

  await node(page, 'command_1').click()
  const commandInspector = page.getByRole('region', { name: 'Inspector: Command 1' })
  await commandInspector.getByLabel('Action', { exact: true }).fill('system.info')
  await commandInspector.getByLabel('Name', { exact: true }).fill('Collect info')
  await expect(node(page, 'command_1')).toContainText('Collect info')
  await expect(node(page, 'command_1')).toContainText('system.info')

  await node(page, 'condition_1').click()
  await page.getByLabel('Expression (CEL)').fill('steps.command_1.output.cpus > 1')
  await expect(node(page, 'condition_1')).toContainText('steps.command_1.output.cpus > 1')

  const before = await documentJson(page)
  await page.getByRole('button', { name: 'Save…' }).click()
  await page.getByLabel('Version message (optional)').fill('three steps from the palette')
  await page.getByRole('button', { name: 'Save version' }).click()
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Saved as v2')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('v2')
  await expect(page.getByLabel('Unsaved changes')).toHaveCount(0)

  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('v2')
  await expect(edge(page, 'command_1', 'condition_1', 'success')).toBeVisible()
  await expect(edge(page, 'command_1', 'webhook_1', 'failure')).toBeVisible()
  const after = await documentJson(page)
  for (const id of ['start', 'command_1', 'condition_1', 'webhook_1']) {
    expect(stepById(after, id)?.position).toEqual(stepById(before, id)?.position)
  }
  expect(stepById(after, 'condition_1')).toMatchObject({
    dependencies: ['command_1'],
    expression: 'steps.command_1.output.cpus > 1',
  })
  expect(stepById(after, 'webhook_1')?.dependencies).toEqual([{ step: 'command_1', on: 'failure' }])
  expect(stepById(after, 'command_1')).toMatchObject({ action: 'system.info', name: 'Collect info' })

  // Compare v1 and v2: the three new steps are highlighted as added.
  await page.getByRole('tab', { name: 'Versions' }).click()
  await page.getByLabel('Compare v1').check()
  await page.getByLabel('Compare v2').check()
  await page.getByRole('button', { name: 'Compare v1 → v2' }).click()
  await expect(page.getByLabel('Changes')).toContainText('3 added (command_1, condition_1, webhook_1)')
  await expect(page.locator('.react-flow__node.diff-added[data-id="condition_1"]')).toBeVisible()
  await expect(page.locator('.react-flow__node.diff-unchanged[data-id="start"]')).toBeVisible()
  await page.getByRole('button', { name: 'Back to editing' }).click()
  await expect(node(page, 'condition_1')).toBeVisible()
})

const chain: Step[] = [
  { id: 'a', type: 'command', name: 'A', action: 'echo', position: { x: 0, y: 0 } },
  { id: 'b', type: 'command', name: 'B', action: 'echo', dependencies: ['a'], position: { x: 360, y: 0 } },
  { id: 'c', type: 'command', name: 'C', action: 'echo', dependencies: ['b'], position: { x: 720, y: 0 } },
]

test('a connection that would close a cycle is refused with the reason', async ({ page }) => {
  await openWorkflow(page, { name: uniqueName('E2E cycle'), steps: chain })
  await expect(edge(page, 'b', 'c', 'success')).toBeVisible()
  await connect(page, 'c', 'success', 'a')
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText(
    'That would make a cycle: a → b → c → a',
  )
  await expect(edge(page, 'c', 'a', 'success')).toHaveCount(0)
  await expect(page.getByLabel('Unsaved changes')).toHaveCount(0)

  // A duplicate edge is refused too; a new forward edge is accepted.
  await connect(page, 'a', 'always', 'b')
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('already connected')
  await connect(page, 'a', 'always', 'c')
  await expect(edge(page, 'a', 'c', 'always')).toBeVisible()
})

test('a bad CEL expression shows its error in the inspector, on the node and in the problems list', async ({
  page,
}) => {
  await openWorkflow(page, {
    name: uniqueName('E2E bad CEL'),
    steps: [
      chain[0]!,
      {
        id: 'check',
        type: 'condition',
        name: 'Check',
        expression: 'true',
        dependencies: ['a'],
        position: { x: 360, y: 0 },
      },
    ],
  })
  await node(page, 'check').click()
  await page.getByLabel('Expression (CEL)').fill('steps.a.output.code ==')
  const inspector = page.getByRole('region', { name: 'Inspector: Check' })
  await expect(inspector.getByRole('alert')).toContainText('Invalid expression')
  await expect(inspector.getByRole('alert')).toContainText('column')
  await expect(node(page, 'check').locator('.step-node-badge')).toHaveText('1 error')
  await expect(node(page, 'check').locator('.step-node-error')).toContainText('Invalid expression')
  const problem = page
    .getByRole('list', { name: 'Problem list' })
    .getByRole('button')
    .filter({ hasText: 'Invalid expression' })
  await expect(problem).toContainText('check')

  // Clicking the problem selects the step (after clicking away to the workflow settings).
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } })
  await expect(page.getByRole('region', { name: 'Workflow settings' })).toBeVisible()
  await problem.click()
  await expect(page.getByRole('region', { name: 'Inspector: Check' })).toBeVisible()
  await expect(node(page, 'check')).toHaveClass(/selected/)

  // Saving is refused with the problem listed.
  await page.getByRole('button', { name: 'Save…' }).click()
  await page.getByRole('button', { name: 'Save version' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText('Invalid expression')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('v1')
})

test('undo and redo restore the exact document states', async ({ page }) => {
  await openWorkflow(page, { name: uniqueName('E2E undo'), steps: chain })
  const s0 = await documentJson(page)
  await page.getByRole('button', { name: 'Add Wait step' }).click()
  await expect(node(page, 'wait_1')).toBeVisible()
  const s1 = await documentJson(page)
  await node(page, 'b').click()
  await page.keyboard.press('Delete')
  await expect(node(page, 'b')).toHaveCount(0)
  const s2 = await documentJson(page)
  expect(stepById(s2, 'c')?.dependencies).toBeUndefined()

  await page.keyboard.press('Control+z')
  await expect(node(page, 'b')).toBeVisible()
  expect(await documentJson(page)).toEqual(s1)
  await page.getByRole('button', { name: 'Undo', exact: true }).click()
  await expect(node(page, 'wait_1')).toHaveCount(0)
  expect(await documentJson(page)).toEqual(s0)
  await expect(page.getByLabel('Unsaved changes')).toHaveCount(0)

  await page.keyboard.press('Control+Shift+z')
  await expect(node(page, 'wait_1')).toBeVisible()
  expect(await documentJson(page)).toEqual(s1)
  await page.getByRole('button', { name: 'Redo', exact: true }).click()
  await expect(node(page, 'b')).toHaveCount(0)
  expect(await documentJson(page)).toEqual(s2)
})

test('auto-layout places every node without overlaps', async ({ page }) => {
  const steps: Step[] = Array.from({ length: 9 }, (_, i) => ({
    id: `s${i}`,
    type: i === 1 ? 'condition' : 'command',
    name: `Step ${i}`,
    ...(i === 1 ? { expression: 'true' } : { action: 'echo' }),
    ...(i === 0
      ? {}
      : { dependencies: i <= 2 ? ['s0'] : i <= 5 ? [{ step: 's1', on: i % 2 ? 'true' : 'false' }] : ['s2'] }),
    position: { x: 0, y: 0 },
  }))
  await openWorkflow(page, { name: uniqueName('E2E layout'), steps })
  await expect(node(page, 's8')).toBeVisible()
  await page.getByRole('button', { name: 'Auto-layout' }).click()
  await expect(page.getByLabel('Unsaved changes')).toBeVisible()
  await expect
    .poll(async () => {
      const boxes = await page.locator('.react-flow__node').evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect()
          return { x: r.x, y: r.y, w: r.width, h: r.height }
        }),
      )
      let overlaps = 0
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!
          const b = boxes[j]!
          if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) overlaps++
        }
      return { nodes: boxes.length, overlaps }
    })
    .toEqual({ nodes: 9, overlaps: 0 })
})

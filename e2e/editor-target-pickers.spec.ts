// The inspector's device target offers what the fleet knows: tags, capabilities and device ids
// of registered devices, as chips that fill the selector.
import { expect, test } from '@playwright/test'
import { uniqueName } from './fixtures'

test.use({ viewport: { width: 1600, height: 1000 } })

test('tag and capability chips come from registered devices and fill the selector', async ({ page, baseURL }) => {
  const tag = `pick-${Date.now().toString(36)}`
  const token = await page.request.post('/api/trpc/devices.createToken', {
    data: { json: { name: uniqueName('picker device'), tags: [tag], serverUrl: baseURL } },
  })
  expect(token.ok()).toBe(true)
  const name = uniqueName('E2E target pickers')
  const created = await page.request.post('/api/trpc/workflows.create', {
    data: {
      json: {
        definition: {
          schemaVersion: 1,
          name,
          steps: [{ id: 'deploy', type: 'command', name: 'Deploy', action: 'echo', position: { x: 0, y: 0 } }],
        },
      },
    },
  })
  const id = ((await created.json()) as { result: { data: { json: { workflowId: string } } } }).result.data.json
    .workflowId
  await page.goto(`/workflows/${id}`)
  await page.locator('.react-flow__node[data-id="deploy"] .step-node-header').click()
  const inspector = page.getByRole('region', { name: /^Inspector: / })
  await inspector.getByLabel('Run on').selectOption('selector')
  await inspector.getByRole('group', { name: 'Known tags' }).getByRole('button', { name: `+ ${tag}` }).click()
  await expect(inspector.getByLabel('Tags (comma separated)')).toHaveValue(tag)
  await expect(inspector.getByRole('group', { name: 'Known tags' }).getByRole('button', { name: `+ ${tag}` })).toHaveCount(0)
})

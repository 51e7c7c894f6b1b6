// Choosing a command's action from what the fleet announces, as a person would: an unknown action
// is flagged inline, the picker lists an agent's action with its description and online count, and
// its params are filled in a form generated from the announced schema, then saved as typed.
import { expect, test, type Locator } from '@playwright/test'
import { z } from 'zod'
import { createAgent, type Agent } from '@/agent/index'
import { openWorkflow, uniqueName } from './fixtures'
import { canvasNode } from './fixtures/canvas'
import { callProcedure, queryProcedure } from './support/trpc'

test.use({ viewport: { width: 1600, height: 1000 } })

const probeParams = z.strictObject({
  host: z.string().min(1).describe('Host to probe'),
  port: z.number().int().min(1).max(65535).default(22),
  mode: z.enum(['fast', 'full']),
  verbose: z.boolean().optional(),
  hosts: z.array(z.string()).optional(),
  auth: z.object({ user: z.string() }).optional(),
})

/** The `.field` row around the input labelled `label`, where its inline problem shows. */
const fieldRow = (scope: Locator, label: string) =>
  scope.locator('.field').filter({ has: scope.page().getByLabel(label, { exact: true }) })

test('an action picked from the fleet gets a params form from its schema, saved as filled', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000)
  const action = `probe.e2e${Date.now().toString(36)}`
  const device = await callProcedure<{ token: string }>(page.request, 'devices.createToken', {
    name: uniqueName('e2e probe device'),
    tags: [],
    serverUrl: baseURL,
  })
  const agent: Agent = createAgent({
    server: baseURL ?? '',
    token: device.token,
    builtinActions: false,
  }).action(action, probeParams, () => ({ ok: true }), { description: 'Probes a host' })
  await agent.start()
  try {
    const workflowId = await openWorkflow(page, {
      name: uniqueName('E2E actions'),
      steps: [{ id: 'probe', type: 'command', name: 'Probe', action: 'echo', position: { x: 0, y: 0 } }],
    })
    await canvasNode(page, 'probe').click()
    const inspector = page.getByRole('region', { name: 'Inspector: Probe' })
    const picker = inspector.getByRole('combobox', { name: 'Action' })

    await picker.fill('nope.action')
    await expect(fieldRow(inspector, 'Action').getByRole('alert')).toHaveText(
      'no device offers `nope.action`',
    )

    await picker.fill('probe.e2e')
    const option = inspector.getByRole('option', { name: new RegExp(action.replace('.', '\\.')) })
    await expect(option).toContainText('Probes a host')
    await expect(option).toContainText('1 online')
    await option.click()
    await expect(picker).toHaveValue(action)
    await expect(fieldRow(inspector, 'Action').getByRole('alert')).toHaveCount(0)

    const params = inspector.getByRole('group', { name: 'Params' })
    await expect(fieldRow(params, 'host').getByRole('alert')).toHaveText('Required.')
    await expect(fieldRow(params, 'mode').getByRole('alert')).toHaveText('Required.')
    await params.getByLabel('host', { exact: true }).fill('web-1')
    await expect(fieldRow(params, 'host').getByRole('alert')).toHaveCount(0)
    await params.getByLabel('mode', { exact: true }).selectOption('full')
    await params.getByLabel('port', { exact: true }).fill('2.5')
    await expect(fieldRow(params, 'port').getByRole('alert').first()).toHaveText('Must be a whole number.')
    await params.getByLabel('port', { exact: true }).fill('2222')
    await expect(fieldRow(params, 'port').getByRole('alert')).toHaveCount(0)
    await params.getByRole('button', { name: 'Use an expression for verbose' }).click()
    await params.getByLabel('verbose', { exact: true }).fill('{{ run.id != "" }}')
    await params.getByLabel('hosts', { exact: true }).fill('a, b')
    await params.getByRole('group', { name: 'auth' }).getByLabel('user', { exact: true }).fill('deploy')

    await params.getByLabel('Raw JSON').check()
    await expect(params.getByLabel('Params (JSON)')).toHaveValue(/"host": "web-1"/)

    await page.getByRole('button', { name: 'Save…' }).click()
    await page.getByRole('button', { name: 'Save version' }).click()
    await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Saved as v2')
    const saved = await queryProcedure<{ definition: { steps: Record<string, unknown>[] } }>(
      page.request,
      'workflows.get',
      { id: workflowId },
    )
    const [step] = saved.definition.steps
    expect(step?.action).toBe(action)
    expect(step?.params).toEqual({
      host: 'web-1',
      mode: 'full',
      port: 2222,
      verbose: '{{ run.id != "" }}',
      hosts: ['a', 'b'],
      auth: { user: 'deploy' },
    })
  } finally {
    await agent.stop()
  }
})

// Watching runs from the editor and the run view: the last run's statuses laid over the editor's
// canvas and following the run live; a workflow's own runs page; `?version=N` opening the exact
// version a run used; and log lines pushed to the step inspector while the step still runs.
import { expect, test, type Page } from '@playwright/test'
import { z } from 'zod'
import { createAgent } from '@/agent/index'
import { uniqueName } from './fixtures'
import { callProcedure as call } from './support/trpc'

test.use({ viewport: { width: 1500, height: 1000 } })

const stepStatus = (page: Page, stepId: string) =>
  page.locator(`.react-flow__node[data-id="${stepId}"] [data-step-status]`)

/** A promise the test resolves when it wants the device's action to go on. */
function gate() {
  let open = () => {}
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}

const gatedSteps = [
  { id: 'approve', name: 'Approve', type: 'wait', wait: { kind: 'signal', signal: 'approval' } },
  { id: 'after', name: 'After', type: 'wait', wait: { kind: 'duration', duration: '10ms' }, dependencies: ['approve'] },
]

test('the editor overlays the last run live, lists the workflow’s runs and opens a run’s exact version', async ({ page, request }) => {
  const name = uniqueName('E2E last run')
  const { workflowId } = await call<{ workflowId: string }>(request, 'workflows.create', {
    definition: { schemaVersion: 1, name, steps: gatedSteps },
  })
  await page.goto(`/workflows/${workflowId}`)
  const toggle = page.getByRole('group', { name: 'Last run' })
  await toggle.getByRole('button', { name: 'Last run' }).click()
  await expect(toggle).toContainText('No runs yet')
  await expect(stepStatus(page, 'approve')).toHaveCount(0)

  const { executionId } = await call<{ executionId: string }>(request, 'runs.start', { workflowId, inputs: {} })
  // The overlay finds the new run by itself and shows where it stands; `after` has not started.
  await expect(stepStatus(page, 'approve')).toHaveAttribute('data-step-status', 'waiting', { timeout: 10_000 })
  await expect(stepStatus(page, 'after')).toHaveCount(0)
  await expect(toggle.getByRole('link', { name: executionId.slice(0, 8) })).toHaveAttribute('href', `/runs/${executionId}`)

  await call(request, 'runs.resume', { id: executionId, stepId: 'approve', signal: 'approval' })
  await expect(stepStatus(page, 'approve')).toHaveAttribute('data-step-status', 'succeeded')
  await expect(stepStatus(page, 'after')).toHaveAttribute('data-step-status', 'succeeded')
  // Turning it off leaves the plain editor.
  await toggle.getByRole('button', { name: 'Last run' }).click()
  await expect(stepStatus(page, 'approve')).toHaveCount(0)

  // A second version, then the run's header link back to v1 opens v1 read-only.
  await call(request, 'workflows.update', {
    id: workflowId,
    expectedVersion: 1,
    definition: { schemaVersion: 1, name, steps: [...gatedSteps, { ...gatedSteps[1], id: 'extra', name: 'Extra' }] },
  })
  await page.goto(`/runs/${executionId}`)
  await page.getByRole('link', { name: 'Version 1 of the workflow' }).click()
  await expect(page).toHaveURL(new RegExp(`/workflows/${workflowId}\\?version=1$`))
  await expect(page.getByRole('note')).toContainText('Viewing v1 (read-only).')
  await expect(page.locator('.react-flow__node[data-id="extra"]')).toHaveCount(0)
  await page.getByRole('button', { name: 'Back to editing' }).click()
  await expect(page.locator('.react-flow__node[data-id="extra"]')).toHaveCount(1)

  // The workflow's own runs page lists its runs only, and keeps the workflow in the path.
  await page.getByRole('link', { name: 'All runs' }).click()
  await expect(page).toHaveURL(new RegExp(`/workflows/${workflowId}/runs$`))
  await expect(page.getByRole('heading', { name: `Runs of ${name}` })).toBeVisible()
  const rows = page.getByRole('table', { name: 'Runs' }).locator('tbody tr[data-run-id]')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toHaveAttribute('data-run-id', executionId)
  await page.getByRole('form', { name: 'Filter runs' }).getByLabel('Status').selectOption('failed')
  await page.getByRole('button', { name: 'Filter' }).click()
  await expect(page).toHaveURL(new RegExp(`/workflows/${workflowId}/runs\\?status=failed$`))
  await expect(page.getByRole('table', { name: 'Runs' })).toContainText('No run matches these filters.')
})

test('log lines reach the step inspector while the step runs, pushed rather than polled', async ({ page, request, baseURL }) => {
  test.setTimeout(60_000)
  const tag = `e2e-logs-${Date.now().toString(36)}`
  const { token } = await call<{ token: string }>(request, 'devices.createToken', { name: tag, tags: [tag], serverUrl: baseURL })
  const gates = [gate(), gate()]
  const agent = createAgent({ server: baseURL ?? '', token, name: tag, tags: [tag], builtinActions: false })
  agent.action('stage', z.record(z.string(), z.unknown()), async (_params, context) => {
    context.log('stage one: copying files')
    await gates[0]!.promise
    context.log('stage two: restarting the service')
    await gates[1]!.promise
    return { ok: true }
  })
  await agent.start()
  try {
    const { workflowId } = await call<{ workflowId: string }>(request, 'workflows.create', {
      definition: {
        schemaVersion: 1,
        name: uniqueName('E2E log push'),
        steps: [{ id: 'deploy', name: 'Deploy', type: 'command', action: 'stage', target: { selector: { tags: [tag] } } }],
      },
    })
    const { executionId } = await call<{ executionId: string }>(request, 'runs.start', { workflowId, inputs: {} })
    await page.goto(`/runs/${executionId}`)
    await expect(stepStatus(page, 'deploy')).toHaveAttribute('data-step-status', 'running')
    await page.locator('.react-flow__node[data-id="deploy"]').click()
    const log = page.getByRole('complementary', { name: 'Step inspector' }).getByRole('list', { name: 'Log lines' })
    await expect(log).toContainText('stage one: copying files')

    // The fallback poll runs every 5 s; a line that shows within 2.5 s came over /live.
    gates[0]!.open()
    await expect(log).toContainText('stage two: restarting the service', { timeout: 2500 })
    await expect(stepStatus(page, 'deploy')).toHaveAttribute('data-step-status', 'running')
    gates[1]!.open()
    await expect(stepStatus(page, 'deploy')).toHaveAttribute('data-step-status', 'succeeded')
  } finally {
    gates.forEach((g) => g.open())
    await agent.stop()
  }
})

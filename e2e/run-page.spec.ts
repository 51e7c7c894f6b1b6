// The run pages as an operator uses them: /runs/<id> shows each step's status while the run
// goes on, resumes a step waiting for approval, reruns a failed run and cancels a running one;
// /runs lists runs and filters them from the query string.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { uniqueName } from './fixtures'

/** A tRPC mutation over HTTP with the superjson envelope, as the CLI and the web app send it. */
async function mutate<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${procedure}`, { data: { json: input } })
  expect(response.ok(), await response.text()).toBe(true)
  const body = (await response.json()) as { result: { data: { json: T } } }
  return body.result.data.json
}

async function startRun(request: APIRequestContext, name: string, steps: Record<string, unknown>[]) {
  const { workflowId } = await mutate<{ workflowId: string }>(request, 'workflows.create', {
    definition: { schemaVersion: 1, name, steps },
  })
  const { executionId } = await mutate<{ executionId: string }>(request, 'runs.start', {
    workflowId,
    inputs: {},
  })
  return { workflowId, executionId }
}

const stepRow = (page: Page, stepId: string) =>
  page.getByRole('table', { name: 'Steps' }).locator(`tr[data-step-id="${stepId}"]`)
const runStatus = (page: Page) => page.getByRole('status', { name: 'Run status' })

test('a run waiting for approval is resumed from its page, succeeds, and is listed on /runs', async ({
  page,
  request,
}) => {
  const name = uniqueName('E2E approval')
  const { workflowId, executionId } = await startRun(request, name, [
    {
      id: 'approve',
      name: 'Approve release',
      type: 'wait',
      wait: { kind: 'signal', signal: 'approval', prompt: 'Ship it to production?' },
    },
    {
      id: 'decide',
      name: 'Decide',
      type: 'condition',
      expression: 'steps.approve.output.payload.ok == true',
      dependencies: ['approve'],
    },
  ])

  await page.goto(`/runs/${executionId}`)
  await expect(page.getByRole('link', { name })).toBeVisible()
  await expect(runStatus(page)).toHaveText('running')
  await expect(stepRow(page, 'approve')).toContainText('waiting')
  await expect(stepRow(page, 'decide')).toContainText('pending')
  await expect(page.getByRole('button', { name: 'Cancel run' })).toBeVisible()

  const resume = page.getByRole('form', { name: 'Resume Approve release' })
  await expect(resume).toContainText('Ship it to production?')
  await resume.getByLabel('Payload (JSON, optional)').fill('{"ok": tru')
  await resume.getByRole('button', { name: 'Resume Approve release' }).click()
  await expect(resume.getByRole('alert')).toContainText('The payload is not valid JSON')
  await resume.getByLabel('Payload (JSON, optional)').fill('{"ok": true}')
  await resume.getByRole('button', { name: 'Resume Approve release' }).click()

  await expect(runStatus(page)).toHaveText('succeeded')
  await expect(stepRow(page, 'approve')).toContainText('succeeded')
  await expect(stepRow(page, 'decide')).toContainText('succeeded')
  await expect(resume).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0)
  await stepRow(page, 'approve').getByText('Output').click()
  await expect(stepRow(page, 'approve').locator('pre')).toContainText('"ok": true')

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click()
  await expect(page).toHaveURL(/\/runs$/)
  const listed = page.getByRole('table', { name: 'Runs' }).locator(`tr[data-run-id="${executionId}"]`)
  await expect(listed).toContainText('succeeded')
  await expect(listed).toContainText(name)

  await page.goto(`/runs?status=failed&workflowId=${workflowId}`)
  await expect(page.getByRole('table', { name: 'Runs' })).toContainText('No run matches these filters.')
  await page.getByLabel('Status').selectOption('succeeded')
  await page.getByRole('button', { name: 'Filter' }).click()
  await expect(page).toHaveURL(new RegExp(`/runs\\?status=succeeded&workflowId=${workflowId}$`))
  const rows = page.getByRole('table', { name: 'Runs' }).getByRole('row')
  await expect(rows).toHaveCount(2)
  await listed.getByRole('link', { name: executionId.slice(0, 8) }).click()
  await expect(page).toHaveURL(new RegExp(`/runs/${executionId}$`))
})

test('a failed run is rerun from its failed step as a new run', async ({ page, request }) => {
  const { executionId } = await startRun(request, uniqueName('E2E rerun'), [
    { id: 'gate', name: 'Gate', type: 'wait', wait: { kind: 'signal', signal: 'approval', timeout: '1s' } },
  ])
  await page.goto(`/runs/${executionId}`)
  await expect(runStatus(page)).toHaveText('failed')
  await expect(stepRow(page, 'gate')).toContainText('timeout')
  await expect(stepRow(page, 'gate')).toContainText('No "approval" signal arrived')
  await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0)

  await page.getByRole('button', { name: 'Rerun from failed' }).click()
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/)
  await expect(page).not.toHaveURL(new RegExp(`/runs/${executionId}$`))
  const summary = page.getByRole('region', { name: 'Run summary' })
  await expect(summary.getByRole('link', { name: executionId.slice(0, 8) })).toBeVisible()
  await expect(summary).toContainText('rerun of')
  // The rerun runs the failed step again: it waits, then times out like the first run.
  await expect(runStatus(page)).toHaveText('failed')
  await expect(stepRow(page, 'gate')).toContainText('timeout')
})

test('a running run is cancelled from its page', async ({ page, request }) => {
  const { executionId } = await startRun(request, uniqueName('E2E cancel'), [
    { id: 'gate', name: 'Gate', type: 'wait', wait: { kind: 'signal', signal: 'approval' } },
  ])
  await page.goto(`/runs/${executionId}`)
  await expect(stepRow(page, 'gate')).toContainText('waiting')
  await expect(page.getByRole('button', { name: 'Rerun from failed' })).toHaveCount(0)

  page.once('dialog', (dialog) => void dialog.accept())
  await page.getByRole('button', { name: 'Cancel run' }).click()
  await expect(runStatus(page)).toHaveText('cancelled')
  await expect(stepRow(page, 'gate')).toContainText('cancelled')
  await expect(page.getByRole('form', { name: 'Resume Gate' })).toHaveCount(0)
})

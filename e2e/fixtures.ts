// Shared helpers for the e2e specs. The database is reused across runs, so every spec
// makes its own uniquely named data and never assumes an empty list.
import { randomBytes } from 'node:crypto'
import { expect, type Locator, type Page } from '@playwright/test'
import { callProcedure } from './support/trpc'

/** A workflow name no earlier run (or other spec) has used. */
export function uniqueName(label: string): string {
  return `${label} ${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`
}

/** The slug export-workflow.ts derives a file name from. */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** A valid two-step workflow: `check` runs after `greet` succeeds. */
export function twoStepWorkflow(name: string) {
  return {
    schemaVersion: 1,
    name,
    description: 'Imported by the e2e suite',
    steps: [
      { id: 'greet', name: 'Say hello', type: 'command', action: 'echo', params: { message: 'hi from e2e' } },
      {
        id: 'check',
        name: 'Collect system info',
        type: 'command',
        action: 'system.info',
        dependencies: ['greet'],
      },
    ],
  }
}

export function jsonFile(name: string, text: string) {
  return { name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') }
}

/** Imports a file through the hidden file input behind "Import JSON…". */
export async function importWorkflowFile(page: Page, fileName: string, text: string): Promise<void> {
  await page.getByLabel('Import workflow file').setInputFiles(jsonFile(fileName, text))
}

export function workflowsTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Workflows' })
}

/** The list row whose name link is exactly `name`. */
export function workflowRow(page: Page, name: string): Locator {
  return workflowsTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) })
}

/** Narrows the list to `name`, so the row is found whatever else the database holds. */
export async function searchWorkflows(page: Page, name: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search workflows' }).fill(name)
}

/**
 * The whole text of the JSON view's code editor, as a person gets it: select all, copy. The editor
 * draws only the lines in view, so its DOM text is not the document.
 */
export async function copyWorkflowJsonText(page: Page): Promise<string> {
  const editor = page.getByRole('textbox', { name: 'Workflow JSON' })
  await expect(editor).toHaveAttribute('contenteditable', 'true')
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await editor.click()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.press('ControlOrMeta+c')
  return page.evaluate(() => navigator.clipboard.readText())
}

/** The document shown in the editor's JSON tab on /workflows/<id>, parsed. */
export async function shownWorkflowJson(page: Page): Promise<unknown> {
  await page.getByRole('tab', { name: 'JSON' }).click()
  return JSON.parse(await copyWorkflowJsonText(page)) as unknown
}

/** Creates a workflow through the API and opens it in the editor; returns its id. */
export async function openWorkflow(
  page: Page,
  definition: Record<string, unknown> & { name: string },
): Promise<string> {
  const { workflowId } = await callProcedure<{ workflowId: string }>(page.request, 'workflows.create', {
    definition: { schemaVersion: 1, ...definition },
  })
  await page.goto(`/workflows/${workflowId}`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(definition.name)
  return workflowId
}

// /templates: the built-in templates are there, one turns into a workflow, and a bad
// variable value is refused with the variable's name.
import { expect, test, type Page } from '@playwright/test'
import { builtinTemplates } from '@/server/templates/builtin-templates'
import type { TTemplateVariable, TWorkflowTemplate } from '@/server/engine/workflow-template'
import { searchWorkflows, shownWorkflowJson, uniqueName, workflowsTable } from './fixtures'

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Opens the "Use template" form on a template's card. */
async function openTemplateForm(page: Page, template: TWorkflowTemplate) {
  const card = page.getByRole('region', { name: template.name, exact: true })
  await card.getByRole('button', { name: 'Use template' }).click()
  const form = page.getByRole('form', { name: `Use ${template.name}` })
  await expect(form).toBeVisible()
  return form
}

/** A variable's input is labelled "<name> (<type>…)". */
function variableLabel(variable: TTemplateVariable): RegExp {
  return new RegExp(`^${escapeRegExp(variable.name)} \\(`)
}

test.beforeEach(async ({ page }) => {
  await page.goto('/templates')
  await expect(page.getByRole('heading', { name: 'Templates', level: 1 })).toBeVisible()
})

test('the built-in templates are listed', async ({ page }) => {
  expect(builtinTemplates).toHaveLength(3)
  for (const template of builtinTemplates) {
    const card = page.getByRole('region', { name: template.name, exact: true })
    await expect(card).toBeVisible()
    await expect(card.getByRole('heading', { name: template.name })).toBeVisible()
    await expect(card).toContainText('built-in')
    await expect(card.getByRole('button', { name: 'Use template' })).toBeVisible()
  }
})

test('using a template with its defaults creates a workflow and opens it', async ({ page }) => {
  const template = builtinTemplates[0]!
  const name = uniqueName('E2E from template')
  const form = await openTemplateForm(page, template)
  for (const variable of template.variables) {
    await expect(form.getByLabel(variableLabel(variable))).toBeVisible()
  }
  await form.getByLabel('Workflow name', { exact: true }).fill(name)
  await form.getByRole('button', { name: 'Create workflow' }).click()

  await expect(page).toHaveURL(/\/workflows\/[^/?#]+$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name)
  const shown = (await shownWorkflowJson(page)) as { name: string; steps: { id: string }[] }
  expect(shown.name).toBe(name)
  const templateSteps = (template.workflow as { steps: { id: string }[] }).steps
  expect(shown.steps.map((s) => s.id)).toEqual(templateSteps.map((s) => s.id))
  // Every [[ placeholder ]] was replaced by its default.
  expect(JSON.stringify(shown)).not.toContain('[[')
})

test('a wrong-typed variable value is refused with the variable named, and nothing is created', async ({
  page,
}) => {
  const template = builtinTemplates.find((t) =>
    t.variables.some((v) => v.type === 'integer' || v.type === 'number'),
  )
  if (!template) throw new Error('expected a built-in template with a number or integer variable')
  const variable = template.variables.find((v) => v.type === 'integer' || v.type === 'number')!
  const name = uniqueName('E2E bad template value')

  const form = await openTemplateForm(page, template)
  await form.getByLabel('Workflow name', { exact: true }).fill(name)
  await form.getByLabel(variableLabel(variable)).fill('abc')
  await form.getByRole('button', { name: 'Create workflow' }).click()

  const alert = form.getByRole('alert')
  await expect(alert).toContainText(`"${variable.name}"`)
  await expect(alert).toContainText(variable.type === 'integer' ? 'an integer' : 'a number')
  await expect(page).toHaveURL(/\/templates$/)

  await page.goto('/workflows')
  await searchWorkflows(page, name)
  await expect(workflowsTable(page)).toContainText('No workflow matches this search.')
})
